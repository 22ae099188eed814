import rateLimit from '@fastify/rate-limit';
import { AppError } from '@rdplan/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { RateLimitConfig } from '../config.js';
import type { Deps } from '../context.js';

/** The limits a route may be under; every public write gets `publicWrite` unless it names another. */
export type RateLimitPolicy = keyof Omit<RateLimitConfig, 'windowSeconds'>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Counted per client address in the database (all instances share the count). */
    rateLimitPolicy?: RateLimitPolicy;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Callback = (err: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit in PostgreSQL (server or embedded): one row per key and fixed window,
 * counted by an atomic upsert, so that several app instances on one database share every limit.
 * Windows follow the app's clock (tests move it).
 */
function databaseStore(deps: Deps) {
  const windowOf = (timeWindow: number) => {
    const now = deps.clock.now().getTime();
    const start = Math.floor(now / timeWindow) * timeWindow;
    return { now, start: new Date(start), end: new Date(start + timeWindow) };
  };
  return class DatabaseStore {
    child() {
      return new DatabaseStore();
    }

    incr(key: string, cb: Callback, timeWindow: number) {
      const w = windowOf(timeWindow);
      deps.db
        .insertInto('rate_limits')
        .values({ key, window_start: w.start, expires_at: w.end, hits: 1 })
        .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ hits: sql<number>`rate_limits.hits + 1` }))
        .returning('hits')
        .executeTakeFirstOrThrow()
        .then(async ({ hits }) => {
          // The first hit of a window clears the windows that have ended (theirs and everyone's).
          if (hits === 1) await deps.db.deleteFrom('rate_limits').where('expires_at', '<=', new Date(w.now)).execute();
          cb(null, { current: hits, ttl: w.end.getTime() - w.now });
        })
        .catch((err: Error) => cb(err));
    }

    read(key: string, cb: Callback, timeWindow: number) {
      const w = windowOf(timeWindow);
      deps.db
        .selectFrom('rate_limits')
        .select('hits')
        .where('key', '=', key)
        .where('window_start', '=', w.start)
        .executeTakeFirst()
        .then((row) => cb(null, { current: row?.hits ?? 0, ttl: row ? w.end.getTime() - w.now : 0 }))
        .catch((err: Error) => cb(err));
    }
  };
}

/**
 * Rate limits on sign-in, registration, invitations and every public write (a route with access 'public'
 * and a mutating method), per client address and route. Over the limit the answer is the catalogue's
 * 429 `rate_limited` with Retry-After. Register before the routes.
 */
export async function registerRateLimits(app: FastifyInstance, deps: Deps) {
  const limits = deps.config.rateLimit;
  if (!limits) return;
  // Runs before the plugin's own onRoute hook (added below), which reads config.rateLimit.
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const policy =
      route.config?.rateLimitPolicy ??
      (route.config?.access === 'public' && methods.some((m) => WRITES.has(m)) ? 'publicWrite' : undefined);
    if (!policy) return;
    const url = route.url;
    route.config = {
      ...route.config,
      rateLimit: {
        max: limits[policy],
        timeWindow: limits.windowSeconds * 1000,
        keyGenerator: (req: FastifyRequest) => `${policy}|${req.method} ${url}|${req.ip}`.slice(0, 300),
      },
    };
  });
  await app.register(rateLimit, {
    global: false,
    store: databaseStore(deps),
    errorResponseBuilder: (_req, ctx) => new AppError('rate_limited', { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }),
  });
}
