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

/** Reads the configuration from the environment; every setting has a working default. */
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

export { repoRoot };
