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
  /** Where uploaded files are kept: the database (default) or an S3-compatible bucket. */
  blobStore: BlobStoreConfig;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
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

/** Reads the configuration from the environment; every setting has a working default. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  return {
    host: env.HOST ?? '0.0.0.0',
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
    blobStore: blobStoreConfig(env),
  };
}

export { repoRoot };
