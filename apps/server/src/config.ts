import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  host: string;
  production: boolean;
  port: number;
  /** PostgreSQL server; when absent the embedded PGlite in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Built web app to serve, or null when it has not been built. */
  webDist: string | null;
  /** Secure cookies need HTTPS; on by default in production. */
  secureCookies: boolean;
  logLevel: string;
  session: { idleMinutes: number; absoluteHours: number };
  lockout: { threshold: number; minutes: number };
  /** Largest JSON body, and largest uploaded file, in bytes. */
  bodyLimit: number;
  uploadLimit: number;
  /**
   * Whose X-Forwarded-For to believe for the client address (sessions, audit events, logs): false (default:
   * nobody's), the proxies' addresses / CIDR ranges, or true (everyone's).
   */
  trustProxy: boolean | string[];
  /** Bearer token that /metrics requires (RDPLAN_METRICS_TOKEN). */
  metricsToken: string | undefined;
  /** Serve /metrics on this separate port instead of the app's (RDPLAN_METRICS_PORT). */
  metricsPort: number | undefined;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/**
 * RDPLAN_TRUST_PROXY: unset or false (believe no one), comma-separated proxy addresses or CIDR ranges
 * (also proxy-addr's names loopback, linklocal, uniquelocal), or true (everyone: only behind a proxy that
 * strips the header). A bare hop count is refused: Fastify cannot check the peer with it and ignores it.
 */
function trustProxy(value: string | undefined): Config['trustProxy'] {
  const v = value?.trim() ?? '';
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v))
    throw new Error(`RDPLAN_TRUST_PROXY takes the proxies' addresses or CIDR ranges (e.g. 10.0.0.0/8), not a hop count ("${v}")`);
  return v
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

/**
 * Reads the configuration from the environment; every setting has a working default. HOST is where the
 * server listens (every interface by default). NODE_ENV=production makes it strict: secure cookies, no
 * public /metrics, no demo data; `npm start` is the demo profile (not production).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  return {
    host: env.HOST ?? '0.0.0.0',
    production: env.NODE_ENV === 'production',
    port: int('PORT', env.PORT, 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.RDPLAN_DATA_DIR ?? path.join(repoRoot, '.data')),
    webDist: env.RDPLAN_WEB_DIST ?? path.join(repoRoot, 'apps/web/dist'),
    secureCookies: env.RDPLAN_SECURE_COOKIES ? env.RDPLAN_SECURE_COOKIES === 'true' : production,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    session: {
      idleMinutes: int('RDPLAN_SESSION_IDLE_MINUTES', env.RDPLAN_SESSION_IDLE_MINUTES, 30),
      absoluteHours: int('RDPLAN_SESSION_ABSOLUTE_HOURS', env.RDPLAN_SESSION_ABSOLUTE_HOURS, 12),
    },
    lockout: { threshold: 5, minutes: 15 },
    bodyLimit: int('RDPLAN_BODY_LIMIT', env.RDPLAN_BODY_LIMIT, 1024 * 1024),
    uploadLimit: int('RDPLAN_UPLOAD_LIMIT', env.RDPLAN_UPLOAD_LIMIT, 10 * 1024 * 1024),
    trustProxy: trustProxy(env.RDPLAN_TRUST_PROXY),
    metricsToken: env.RDPLAN_METRICS_TOKEN || undefined,
    metricsPort: env.RDPLAN_METRICS_PORT ? int('RDPLAN_METRICS_PORT', env.RDPLAN_METRICS_PORT, 0) : undefined,
  };
}

/** Settings that weaken production, said at start-up rather than silently (NODE_ENV=production only). */
export function productionWarnings(config: Config): string[] {
  if (!config.production) return [];
  const warnings: string[] = [];
  if (!config.secureCookies) warnings.push('RDPLAN_SECURE_COOKIES=false in production: session cookies are sent over plain HTTP');
  if (config.trustProxy === true)
    warnings.push('RDPLAN_TRUST_PROXY=true: every client may set its address with X-Forwarded-For; give a hop count or proxy addresses');
  if (!config.metricsToken && config.metricsPort === undefined)
    warnings.push('/metrics is off in production: set RDPLAN_METRICS_TOKEN (bearer token) or RDPLAN_METRICS_PORT (separate port)');
  return warnings;
}

export { repoRoot };
