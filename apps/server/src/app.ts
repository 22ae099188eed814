import fs from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { anchorFilesSettled } from './audit/anchor.js';
import { sealerFor } from './audit/sealer.js';
import { systemClock, type Clock } from './clock.js';
import { productionWarnings, type Config } from './config.js';
import type { Deps } from './context.js';
import type { Database, Db } from './db/database.js';
import { registerErrorHandler, sendError } from './http/errors.js';
import { registerInputCheck } from './http/input.js';
import { openApiTransform, openApiTransformObject, securitySchemes } from './http/openapi.js';
import { registerRateLimits } from './http/rate-limit.js';
import { registerMetrics } from './http/metrics.js';
import { MULTIPART_LIMITS } from './http/uploads.js';
import { registerSecurity } from './http/security.js';
import { registerJobs } from './jobs/index.js';
import type { MailTransport } from './jobs/mail.js';
import { createJobQueue } from './jobs/queue.js';
import type { Access } from './http/types.js';
import { routes } from './routes/index.js';
import type { BlobStore } from './storage/blobs.js';
import { createBlobStore } from './storage/create-blob-store.js';

/** How often each instance looks for audit events left unsealed (by an instance that died, say). */
const AUDIT_SWEEP_MS = 2000;
export type App = FastifyInstance;

/** Every API route with its declared access, for the route-walk test and the docs. */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}
export type RouteApp = ReturnType<FastifyInstance['withTypeProvider']>;

export interface AppOptions {
  db: Db;
  config: Config;
  clock?: Clock;
  /** The opened database (its url or embedded instance), for the job queue; needed when config.jobs is on. */
  database?: Pick<Database, 'url' | 'pglite'>;
  /** Mail transport for the outbox (tests); default SMTP from config.smtpUrl. */
  mailTransport?: MailTransport;
  /** Where uploaded files are kept (default: the store the configuration names). */
  blobs?: BlobStore;
  /** Where JSON log lines go (default stdout); tests read them. */
  logStream?: { write(line: string): void };
}

/**
 * The Content-Security-Policy of every response. Scripts come only from this origin (the built web app
 * has no inline script). Styles also allow inline: Ant Design 6 writes its CSS-in-JS into <style> tags at
 * run time, and the app shell is a static file, so there is no per-request nonce to give it. ECharts draws
 * on canvas; images may be data: or blob: URLs (icons, exported charts). No framing by anyone.
 */
export function contentSecurityPolicy(config: Config) {
  return {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    // Only where the site is served over HTTPS (secure cookies on); on plain http it would break the app.
    upgradeInsecureRequests: config.secureCookies ? [] : null,
  };
}

/** Builds the HTTP app without listening, so tests drive it with inject(). */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const blobs = options.blobs ?? (await createBlobStore(config, options.db));
  const deps: Deps = { db: options.db, config, clock: options.clock ?? systemClock, blobs };
  const app = Fastify({
    // Start-up work (the job queue's schema on the embedded database, say) may take long on a loaded
    // machine: a slow start is not a failed one.
    pluginTimeout: 120_000,
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, url: req.url, headers: req.headers, remoteAddress: req.ip }),
      },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: config.bodyLimit,
    forceCloseConnections: 'idle',
    trustProxy: config.trustProxy,
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app, deps);

  // Security headers on every response (helmet's defaults plus our CSP); HSTS only in production, where HTTPS is served.
  await app.register(helmet, {
    contentSecurityPolicy: { directives: contentSecurityPolicy(config) },
    frameguard: { action: 'deny' },
    hsts: config.production,
  });
  // API responses (JSON, OpenAPI) brotli/gzip-compressed for clients that accept it; the web app's files
  // are precompressed at build time and pass through. Compressed request bodies are not accepted.
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024, globalDecompression: false });
  await app.register(cookie);
  // One file per request: routes read uploads through receiveUpload (http/uploads.ts), which refuses a second.
  await app.register(multipart, { limits: { fileSize: config.uploadLimit, ...MULTIPART_LIMITS } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'rdplan API',
        description:
          'Guangzhou Key-Area R&D Plan (广州市重点领域研发计划). Errors are `{ code, message, details }` from one closed catalogue. ' +
          'Every response sets the `rdplan_csrf` cookie when it is missing; mutating requests echo its token in the ' +
          '`x-csrf-token` header (GET /api/auth/session answers it as `csrfToken`), signed in or not. ' +
          'Signing in (POST /api/auth/login) sets the `rdplan_session` cookie. Each operation lists what it needs ' +
          '(`security`, and `x-roles` for the roles that may call it).',
        version: '0.1.0',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: '/', description: 'The instance serving this document' }],
      components: { securitySchemes },
    },
    transform: openApiTransform,
    // Shared response schemas registered with an id (`.meta({ id })` in @rdplan/domain) become components.
    transformObject: openApiTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.decorate('deps', deps);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!route.url.startsWith('/api') || access === undefined) return;
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: route.url, access });
  });
  registerSecurity(app, deps);
  registerInputCheck(app);
  await registerRateLimits(app, deps);
  registerMetrics(app, config);
  for (const warning of productionWarnings(config)) app.log.warn(warning);

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  for (const register of routes) await typed.register(async (scope) => register(scope.withTypeProvider<ZodTypeProvider>(), deps));

  // Background jobs (imports, mail delivery, reminders, sweeps) on the pg-boss queue: started when the
  // app is ready, stopped (finishing the jobs in hand) when it closes. Off in tests that need none.
  deps.jobs = createJobQueue(config.jobs, {
    db: options.db,
    url: options.database?.url ?? config.databaseUrl,
    pglite: options.database?.pglite,
    pollSeconds: config.jobsPollSeconds,
    log: (level, msg, err) => app.log[level]({ err }, msg),
  });
  registerJobs(deps, deps.jobs, app.log, options.mailTransport ? { mailTransport: options.mailTransport } : {});
  app.addHook('onReady', async () => deps.jobs?.start());
  app.addHook('onClose', async () => deps.jobs?.stop());
  // A store the app made itself is its own to close (an S3 client's sockets).
  if (!options.blobs) app.addHook('onClose', async () => blobs.close?.());
  // Audit events committed by an instance that died before sealing them are sealed by the others' sweep.
  const sealer = sealerFor(deps.db, config);
  app.addHook('onReady', async () => sealer.startSweep(AUDIT_SWEEP_MS));
  // Seal passes, then anchor-file writes after commit (audit/anchor.ts), finish before the app is closed.
  app.addHook('onClose', async () => {
    sealer.stopSweep();
    await sealer.settled();
    await anchorFilesSettled();
  });

  const index = config.webDist ? path.join(config.webDist, 'index.html') : null;
  const hasWeb = index !== null && fs.existsSync(index);
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    // preCompressed: the build's .br / .gz copies (scripts/precompress.mjs) go to clients that accept them.
    // Hashed files under /assets/ never change: cached for a year; everything else (index.html) is revalidated.
    await app.register(fastifyStatic, {
      root: config.webDist!,
      wildcard: true,
      index: 'index.html',
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, file) => {
        const hashed = path.relative(config.webDist!, file).split(path.sep)[0] === 'assets';
        reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0] ?? '';
    const isFile = /\.[a-z0-9]+$/i.test(pathname);
    if (pathname.startsWith('/api/') || !hasWeb || req.method !== 'GET' || isFile) return sendError(req, reply, 'not_found');
    // Client-side routes of the web app: the app shell answers, the browser router takes over.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
