import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
    jobs: env.RDPLAN_JOBS ? env.RDPLAN_JOBS !== 'off' : env.NODE_ENV !== 'test',
    jobsPollSeconds: Math.max(0.5, Number(env.RDPLAN_JOBS_POLL_SECONDS) || 2),
    smtpUrl: env.RDPLAN_SMTP_URL || undefined,
    mailFrom: env.RDPLAN_MAIL_FROM || 'rdplan <no-reply@rdplan.localhost>',
    reminderDays: int('RDPLAN_REMINDER_DAYS', env.RDPLAN_REMINDER_DAYS, 3),
  };
}

export { repoRoot };
