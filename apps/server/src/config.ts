import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** An S3-compatible bucket for uploaded files (RDPLAN_BLOB_STORE=s3). */
export interface S3BlobConfig {
  kind: 's3';
  bucket: string;
  /** A non-AWS server (MinIO, Ceph …); absent for AWS S3. */
  endpoint: string | undefined;
  region: string;
  forcePathStyle: boolean;
  /** Prefix of the object keys ("blobs/"). */
  prefix: string;
}

export type BlobStoreConfig = { kind: 'postgres' } | S3BlobConfig;

export interface Config {
  host: string;
  production: boolean;
  port: number;
  /** PostgreSQL server; when absent the embedded PGlite in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Key of the audit chain's signed anchor (RDPLAN_AUDIT_KEY); else a key file in the data folder. */
  auditKey: string | undefined;
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
  /**
   * Background jobs (imports, mail delivery, reminders, sweeps) run in this instance on the pg-boss
   * queue. On by default; off in tests that need none (RDPLAN_JOBS=off) so the suite stays fast.
   */
  jobs: boolean;
  /** Seconds between polls of an idle job queue (at least 0.5). */
  jobsPollSeconds: number;
  /** SMTP server for the mail outbox (smtp://user:pass@host:port, smtps://…); none: mail stays in the outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Days before a call closes when a unit whose application is still a draft is reminded. */
  reminderDays: number;
  /** Where uploaded files are kept: the database (default) or an S3-compatible bucket. */
  blobStore: BlobStoreConfig;
  /**
   * Requests per client address and window on sign-in, registration, invitations and every public write,
   * counted in the database so that all instances share them; null turns rate limiting off.
   */
  rateLimit: RateLimitConfig | null;
}

export interface RateLimitConfig {
  windowSeconds: number;
  login: number;
  register: number;
  invitations: number;
  publicWrite: number;
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

function blobStoreConfig(env: NodeJS.ProcessEnv): BlobStoreConfig {
  const kind = env.RDPLAN_BLOB_STORE || 'postgres';
  if (kind === 'postgres') return { kind };
  if (kind !== 's3') throw new Error(`RDPLAN_BLOB_STORE must be "postgres" or "s3", got "${kind}"`);
  const bucket = env.RDPLAN_S3_BUCKET;
  if (!bucket) throw new Error('RDPLAN_BLOB_STORE=s3 needs RDPLAN_S3_BUCKET');
  const endpoint = env.RDPLAN_S3_ENDPOINT || undefined;
  const pathStyle = env.RDPLAN_S3_FORCE_PATH_STYLE;
  return {
    kind,
    bucket,
    endpoint,
    region: env.RDPLAN_S3_REGION || env.AWS_REGION || 'us-east-1',
    // Servers other than AWS are usually addressed by path (http://host:port/bucket/key).
    forcePathStyle: pathStyle ? pathStyle === 'true' : endpoint !== undefined,
    prefix: env.RDPLAN_S3_PREFIX ?? 'blobs/',
  };
}

function auditKeySetting(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < 32) throw new Error('RDPLAN_AUDIT_KEY must be at least 32 characters (e.g. openssl rand -hex 32)');
  return value;
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
    auditKey: auditKeySetting(env.RDPLAN_AUDIT_KEY),
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
    jobs: env.RDPLAN_JOBS ? env.RDPLAN_JOBS !== 'off' : env.NODE_ENV !== 'test',
    jobsPollSeconds: Math.max(0.5, Number(env.RDPLAN_JOBS_POLL_SECONDS) || 2),
    smtpUrl: env.RDPLAN_SMTP_URL || undefined,
    mailFrom: env.RDPLAN_MAIL_FROM || 'rdplan <no-reply@rdplan.localhost>',
    reminderDays: int('RDPLAN_REMINDER_DAYS', env.RDPLAN_REMINDER_DAYS, 3),
    blobStore: blobStoreConfig(env),
    rateLimit:
      env.RDPLAN_RATE_LIMIT === 'off'
        ? null
        : {
            windowSeconds: int('RDPLAN_RATE_LIMIT_WINDOW_SECONDS', env.RDPLAN_RATE_LIMIT_WINDOW_SECONDS, 60),
            login: int('RDPLAN_RATE_LIMIT_LOGIN', env.RDPLAN_RATE_LIMIT_LOGIN, 30),
            register: int('RDPLAN_RATE_LIMIT_REGISTER', env.RDPLAN_RATE_LIMIT_REGISTER, 10),
            invitations: int('RDPLAN_RATE_LIMIT_INVITATIONS', env.RDPLAN_RATE_LIMIT_INVITATIONS, 30),
            publicWrite: int('RDPLAN_RATE_LIMIT_PUBLIC_WRITE', env.RDPLAN_RATE_LIMIT_PUBLIC_WRITE, 30),
          },
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
