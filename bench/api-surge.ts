/**
 * Benchmark `api-surge` (issue 10): the deadline rush. Starts a throw-away PostgreSQL 15, migrates,
 * seeds an open backfill call and 2 × N applicant units (organisation, national record, unit admin),
 * starts TWO app instances as separate processes on one DATABASE_URL and drives N concurrent applicant
 * sessions across both (round-robin, keep-alive fetch, at most `--concurrency` requests in flight):
 * sign in (before the timed phase), create the draft (clientKey), save it `--saves` times, submit.
 * In the same run the ceiling: two bare Fastify + pg processes doing the same writes (no auth, rules,
 * audit or view) under the same client load. Then the fault phase: the other N units surge again and
 * one instance is killed with SIGKILL mid-surge; the client retries on the other instance. At the end:
 * acknowledged submissions (2xx) against stored submitted rows, duplicates (one application per unit,
 * by clientKey), and the audit chain verified.
 *
 *   npm run bench -- api-surge                   # 1,000 sessions
 *   npm run bench -- api-surge --sessions 50     # quick check
 *
 * Options: --sessions N (1000), --concurrency N (32), --saves N (3), --timeout-s N (900). A few extra
 * sessions (N / 10, 10 to 50) warm each server up before its timed phase; they count in the checks at
 * the end (acknowledged = stored), not in the timings.
 * The rdplan phase also samples pg_stat_activity: busy backends and those waiting on an advisory lock
 * (the audit sealers'), to show where the time goes.
 * Everything listens on 127.0.0.1; processes and temp folders are removed at the end, also on failure.
 * Detail lines go to stderr; the result is the one JSON line returned to bench/run.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeUscc } from '@rdplan/domain';
import { sql } from 'kysely';
import { verifyAudit } from '../apps/server/src/audit/audit.js';
import { hashPassword } from '../apps/server/src/auth/passwords.js';
import { repoRoot } from '../apps/server/src/config.js';
import { migrate, openDatabase, type Db } from '../apps/server/src/db/database.js';
import { findPostgresBin, freePort, startPostgres, type RunningPostgres } from '../apps/server/test/support/postgres-server.js';
import { completeForm, seedFields, seedPlanAndCalls } from '../apps/server/test/support/tracks.js';

const PASSWORD = 'Surge-Deadline-2026';

interface Options {
  sessions: number;
  concurrency: number;
  saves: number;
  timeoutS: number;
}

function options(argv: string[]): Options {
  const get = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive integer`);
    return n;
  };
  return { sessions: get('sessions', 1000), concurrency: get('concurrency', 32), saves: get('saves', 3), timeoutS: get('timeout-s', 900) };
}

const log = (line: string) => console.error(`api-surge: ${line}`);

// ---------------------------------------------------------------- processes

interface Instance {
  name: string;
  base: string;
  child: ChildProcess;
  alive: boolean;
}

const children = new Set<ChildProcess>();

async function startProcess(name: string, args: string[], env: NodeJS.ProcessEnv, readyPath: string): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  child.once('exit', () => children.delete(child));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited while starting: ${stderr}`);
    try {
      const res = await fetch(base + readyPath);
      if (res.status < 500) {
        await res.arrayBuffer();
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer in 180 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { name, base, child, alive: true };
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The compiled server when a build is present, else the TypeScript sources through tsx. */
function serverArgs(): string[] {
  const compiled = path.join(repoRoot, 'apps/server/dist/main.js');
  return existsSync(compiled) ? [compiled] : ['--import', 'tsx', path.join(repoRoot, 'apps/server/src/main.ts')];
}

// ---------------------------------------------------------------- seeding

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function usccFor(i: number) {
  let body = '';
  let n = i;
  for (let k = 0; k < 8; k++) {
    body = USCC_CHARS[n % USCC_CHARS.length]! + body;
    n = Math.floor(n / USCC_CHARS.length);
  }
  return makeUscc('9', '1', '440106', body);
}

interface Unit {
  index: number;
  orgId: string;
  email: string;
  nationalId: string;
  cookie: string;
  csrf: string;
}

/** An open backfill call (window around now, no required upload) and 2 × N eligible units with accounts. */
async function seed(db: Db, units: number): Promise<{ callId: string; units: Unit[] }> {
  await seedFields(db);
  const now = Date.now();
  const { calls } = await seedPlanAndCalls(db, {
    opensAt: new Date(now - 86_400_000).toISOString(),
    closesAt: new Date(now + 30 * 86_400_000).toISOString(),
  });
  await db
    .updateTable('calls')
    .set({ materials: JSON.stringify([{ key: 'proposal', zh: '申报书', en: 'Proposal', required: false, maxMb: 1, evidence: null }]) })
    .where('id', '=', calls.backfill)
    .execute();
  const hash = await hashPassword(PASSWORD);
  const out: Unit[] = [];
  for (let start = 0; start < units; start += 500) {
    const idx = Array.from({ length: Math.min(500, units - start) }, (_, k) => start + k);
    const orgs = await db
      .insertInto('organisations')
      .values(
        idx.map((i) => ({
          uscc: usccFor(i + 1),
          name: `广州冲刺测试${i + 1}号科技有限公司`,
          type: 'enterprise' as const,
          region_code: '440106',
          address: null,
          former_names: '[]',
          above_designated_size: true,
          above_designated_size_year: 2025,
          hnte_cert_no: `GR2024440${String(i + 1).padStart(5, '0')}`,
          hnte_valid_from: '2024-12-01',
          hnte_valid_to: '2027-11-30',
        })),
      )
      .returning(['id', 'uscc'])
      .execute();
    const national = await db
      .insertInto('national_applications')
      .values(
        orgs.map((o, k) => ({
          national_id: `2025SURGE${String(start + k + 1).padStart(6, '0')}`,
          year: 2025,
          programme: '新一代人工智能重大项目',
          direction: '面向工业场景的大模型推理芯片',
          field_code: 'F01.02',
          title: `冲刺测试国家申报项目 ${start + k + 1}`,
          lead_uscc: o.uscc,
          lead_name: `广州冲刺测试${start + k + 1}号科技有限公司`,
          lead_org_id: o.id,
          leader_name: '张明',
          stage: 'final_defence' as const,
          outcome: 'not_approved' as const,
        })),
      )
      .returning(['id', 'lead_org_id'])
      .execute();
    await db
      .insertInto('users')
      .values(
        orgs.map((o, k) => ({
          email: `unit${start + k + 1}@surge.bench`,
          name: `申报管理员${start + k + 1}`,
          password_hash: hash,
          roles: ['unit_admin'],
          org_id: o.id,
          status: 'active' as const,
        })),
      )
      .execute();
    orgs.forEach((o, k) =>
      out.push({
        index: start + k,
        orgId: o.id,
        email: `unit${start + k + 1}@surge.bench`,
        nationalId: national.find((n) => n.lead_org_id === o.id)!.id,
        cookie: '',
        csrf: '',
      }),
    );
  }
  return { callId: calls.backfill, units: out };
}

// ---------------------------------------------------------------- client

class Limiter {
  private active = 0;
  private waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

interface Stats {
  latencies: number[];
  requests: number;
  retries: number;
  networkErrors: number;
  serverErrors: number;
  conflicts: number;
  failedSessions: number;
  acknowledged: Set<string>;
  failures: Map<string, number>;
}

const newStats = (): Stats => ({
  latencies: [],
  requests: 0,
  retries: 0,
  networkErrors: 0,
  serverErrors: 0,
  conflicts: 0,
  failedSessions: 0,
  acknowledged: new Set(),
  failures: new Map(),
});

interface Answer {
  status: number;
  body: any;
  setCookie: string[];
}

/** Round-robin over the instances still alive; a request that fails on the network is retried on the next one. */
class Client {
  private next = 0;
  constructor(
    private readonly instances: Instance[],
    private readonly limiter: Limiter,
    private readonly stats: Stats,
    private readonly deadline: number,
  ) {}

  private pick(): Instance {
    const alive = this.instances.filter((i) => i.alive);
    if (alive.length === 0) throw new Error('no instance alive');
    return alive[this.next++ % alive.length]!;
  }

  async send(method: string, url: string, body: unknown, unit: Unit | null, record = true): Promise<Answer> {
    for (let attempt = 0; attempt < 8; attempt++) {
      if (Date.now() > this.deadline) throw new Error('bench time limit reached');
      const headers: Record<string, string> = { 'content-type': 'application/json', 'accept-language': 'zh-CN' };
      if (unit?.cookie) headers.cookie = unit.cookie;
      if (unit?.csrf) headers['x-csrf-token'] = unit.csrf;
      try {
        const answer = await this.limiter.run(async () => {
          // The instance is chosen when the request leaves, not while it waits for a slot.
          const target = this.pick();
          const t = performance.now();
          const res = await fetch(target.base + url, {
            method,
            headers,
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            signal: AbortSignal.timeout(30_000),
          });
          const text = await res.text();
          const ms = performance.now() - t;
          this.stats.requests++;
          if (record && res.status < 500) this.stats.latencies.push(ms);
          return {
            status: res.status,
            body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text,
            setCookie: res.headers.getSetCookie(),
          };
        });
        if (answer.status >= 500) {
          this.stats.serverErrors++;
          this.stats.retries++;
          await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
          continue;
        }
        return answer;
      } catch (err) {
        if ((err as Error).message === 'bench time limit reached') throw err;
        this.stats.networkErrors++;
        this.stats.retries++;
        await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
      }
    }
    throw new Error(`${method} ${url}: no answer after 8 attempts`);
  }
}

function cookieJar(existing: string, setCookie: string[]): string {
  const jar = new Map(
    existing
      .split('; ')
      .filter(Boolean)
      .map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const),
  );
  for (const raw of setCookie) {
    const pair = raw.split(';')[0]!;
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    if (value === '') jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function signIn(client: Client, unit: Unit) {
  const session = await client.send('GET', '/api/auth/session', undefined, null, false);
  unit.cookie = cookieJar('', session.setCookie);
  unit.csrf = session.body.csrfToken;
  const res = await client.send('POST', '/api/auth/login', { email: unit.email, password: PASSWORD }, unit, false);
  if (res.status !== 200) throw new Error(`sign-in of ${unit.email}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  unit.cookie = cookieJar(unit.cookie, res.setCookie);
  unit.csrf = res.body.csrfToken;
}

function fail(stats: Stats, what: string) {
  stats.failures.set(what, (stats.failures.get(what) ?? 0) + 1);
}

/** One applicant: create (clientKey), save `saves` times, submit. Returns the application id when acknowledged. */
async function appSession(client: Client, stats: Stats, unit: Unit, callId: string, saves: number, onAck: () => void) {
  const clientKey = randomUUID();
  const created = await client.send('POST', '/api/applications', { callId, clientKey, nationalApplicationId: unit.nationalId }, unit);
  if (created.status !== 201 && created.status !== 200) {
    fail(stats, `create ${created.status} ${String(created.body?.code)}`);
    stats.failedSessions++;
    return;
  }
  const id = created.body.id as string;
  let version = created.body.version as number;
  for (let i = 1; i <= saves; i++) {
    const form = completeForm({ objectives: `研制一款推理芯片（第 ${i} 稿）。`, content: `架构设计、流片验证、应用示范。修订 ${i}` });
    let saved = await client.send('PUT', `/api/applications/${id}/draft`, { version, form }, unit);
    if (saved.status === 409) {
      // A retried save whose first attempt committed before its instance died: read the version and save again.
      stats.conflicts++;
      const fresh = await client.send('GET', `/api/applications/${id}`, undefined, unit, false);
      version = fresh.body.version as number;
      saved = await client.send('PUT', `/api/applications/${id}/draft`, { version, form }, unit);
    }
    if (saved.status !== 200) {
      fail(stats, `save ${saved.status} ${String(saved.body?.code)}`);
      stats.failedSessions++;
      return;
    }
    version = saved.body.version as number;
  }
  const submitted = await client.send('POST', `/api/applications/${id}/submit`, { version }, unit);
  if (submitted.status === 200 && submitted.body.status === 'submitted') {
    stats.acknowledged.add(id);
    onAck();
  } else {
    fail(
      stats,
      `submit ${submitted.status} ${String(submitted.body?.code)} ${JSON.stringify(submitted.body?.details ?? '').slice(0, 200)}`,
    );
    stats.failedSessions++;
  }
}

/** The same writes against the bare endpoint. */
async function bareSession(client: Client, stats: Stats, unit: Unit, saves: number) {
  const created = await client.send('POST', '/bare/applications', { orgId: unit.orgId, clientKey: randomUUID() }, null);
  if (created.status > 201) {
    stats.failedSessions++;
    return;
  }
  const id = created.body.id as string;
  let version = created.body.version as number;
  for (let i = 1; i <= saves; i++) {
    const form = completeForm({ objectives: `研制一款推理芯片（第 ${i} 稿）。`, content: `架构设计、流片验证、应用示范。修订 ${i}` });
    const saved = await client.send('PUT', `/bare/applications/${id}/draft`, { version, form }, null);
    if (saved.status !== 200) {
      stats.failedSessions++;
      return;
    }
    version = saved.body.version as number;
  }
  const submitted = await client.send('POST', `/bare/applications/${id}/submit`, { version }, null);
  if (submitted.status === 200) stats.acknowledged.add(id);
  else stats.failedSessions++;
}

async function surge(units: Unit[], session: (u: Unit) => Promise<void>): Promise<number> {
  const t = performance.now();
  await Promise.all(units.map((u) => session(u)));
  return performance.now() - t;
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(stats: Stats, ms: number) {
  const sorted = [...stats.latencies].sort((a, b) => a - b);
  return {
    requests: stats.requests,
    p50_ms: Math.round(percentile(sorted, 50) * 10) / 10,
    p99_ms: Math.round(percentile(sorted, 99) * 10) / 10,
    max_ms: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
    per_second: Math.round(stats.requests / (ms / 1000)),
    sessions_per_second: Math.round((stats.acknowledged.size / (ms / 1000)) * 10) / 10,
    ms: Math.round(ms),
    acknowledged: stats.acknowledged.size,
    failed_sessions: stats.failedSessions,
    retries: stats.retries,
    network_errors: stats.networkErrors,
    server_errors: stats.serverErrors,
    ...(stats.failures.size ? { failures: Object.fromEntries(stats.failures) } : {}),
  };
}

/**
 * Samples pg_stat_activity every 200 ms while a phase runs: how many of the app's backends are busy
 * (active or waiting) and how many of them wait for an advisory lock (the audit chain's).
 */
function lockSampler(db: Db) {
  let busy = 0;
  let advisory = 0;
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const r = await sql<{ busy: number; advisory: number }>`
        select count(*) filter (where state = 'active')::int as busy,
               count(*) filter (where state = 'active' and wait_event_type = 'Lock' and wait_event = 'advisory')::int as advisory
        from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`.execute(db);
      busy += r.rows[0]!.busy;
      advisory += r.rows[0]!.advisory;
      samples++;
      await new Promise((res) => setTimeout(res, 200));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return {
      busy_backends: samples ? Math.round((busy / samples) * 10) / 10 : 0,
      waiting_for_audit_lock: samples ? Math.round((advisory / samples) * 10) / 10 : 0,
      audit_lock_wait_share: busy ? Math.round((advisory / busy) * 1000) / 1000 : 0,
    };
  };
}

// ---------------------------------------------------------------- the run

export async function apiSurgeBench(argv: string[] = process.argv.slice(2)): Promise<Record<string, unknown>[]> {
  const opt = options(argv);
  const bin = findPostgresBin();
  if (!bin) return [{ bench: 'api-surge', skipped: 'PostgreSQL not found (install it, or set PG_BIN)' }];
  const deadline = Date.now() + opt.timeoutS * 1000;
  const hardStop = setTimeout(
    () => {
      log(`time limit of ${opt.timeoutS} s reached: stopping`);
      for (const c of children) c.kill('SIGKILL');
    },
    opt.timeoutS * 1000 + 60_000,
  );
  hardStop.unref();

  let server: RunningPostgres | null = null;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rdplan-surge-'));
  let database: Awaited<ReturnType<typeof openDatabase>> | null = null;
  const lines: Record<string, unknown>[] = [];
  try {
    server = await startPostgres(bin);
    database = await openDatabase({ url: server.url });
    const db = database.db;
    await migrate(db);
    let t = performance.now();
    // A few sessions warm each server up (JIT, connection pools) before its timed phase.
    const warm = Math.min(50, Math.max(10, Math.round(opt.sessions / 10)));
    const seeded = await seed(db, opt.sessions * 2 + warm);
    const timed = seeded.units.slice(0, opt.sessions);
    const fault = seeded.units.slice(opt.sessions, opt.sessions * 2);
    const warmUnits = seeded.units.slice(opt.sessions * 2);
    log(`seeded ${seeded.units.length} units in ${Math.round(performance.now() - t)} ms`);

    // ----- the ceiling: two bare Fastify + pg processes, the same writes, the same client load
    await sql`
      create table bare_applications (
        id uuid primary key default gen_random_uuid(),
        org_id uuid not null,
        client_key uuid not null,
        form jsonb not null,
        version int not null default 1,
        status text not null default 'draft',
        updated_at timestamptz not null default now(),
        submitted_at timestamptz,
        unique (org_id, client_key)
      )`.execute(db);
    const bareEnv = { DATABASE_URL: server.url };
    const bareArgs = ['--import', 'tsx', path.join(repoRoot, 'bench/api-surge-bare.ts')];
    const bare = await Promise.all([
      startProcess('bare-1', bareArgs, bareEnv, '/bare/applications/00000000-0000-4000-8000-000000000000'),
      startProcess('bare-2', bareArgs, bareEnv, '/bare/applications/00000000-0000-4000-8000-000000000000'),
    ]);
    const bareWarm = newStats();
    const bareWarmClient = new Client(bare, new Limiter(opt.concurrency), bareWarm, deadline);
    await surge(warmUnits, (u) => bareSession(bareWarmClient, bareWarm, u, opt.saves));
    await sql`truncate bare_applications`.execute(db);
    const ceilingStats = newStats();
    const ceilingClient = new Client(bare, new Limiter(opt.concurrency), ceilingStats, deadline);
    const ceilingMs = await surge(timed, (u) => bareSession(ceilingClient, ceilingStats, u, opt.saves));
    const ceiling = summary(ceilingStats, ceilingMs);
    lines.push({ bench: 'api-surge', phase: 'ceiling (bare Fastify + pg, 2 processes)', ...ceiling });
    log(`ceiling: ${JSON.stringify(ceiling)}`);
    await Promise.all(bare.map((b) => stopProcess(b.child)));

    // ----- rdplan: two app instances on the same database
    const appEnv = {
      DATABASE_URL: server.url,
      RDPLAN_DEMO: '0',
      RDPLAN_DATA_DIR: dataDir,
      RDPLAN_RATE_LIMIT: 'off', // every session comes from 127.0.0.1 here; a real rush comes from a thousand addresses
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      RDPLAN_SECURE_COOKIES: 'false',
    };
    t = performance.now();
    const apps = await Promise.all([
      startProcess('app-1', serverArgs(), appEnv, '/healthz'),
      startProcess('app-2', serverArgs(), appEnv, '/healthz'),
    ]);
    log(`two instances up in ${Math.round(performance.now() - t)} ms (${serverArgs().join(' ')})`);

    const signInStats = newStats();
    const signInClient = new Client(apps, new Limiter(opt.concurrency), signInStats, deadline);
    t = performance.now();
    await Promise.all(seeded.units.map((u) => signIn(signInClient, u)));
    log(`${seeded.units.length} sign-ins (argon2id) before the timed phase: ${Math.round(performance.now() - t)} ms`);

    const appWarm = newStats();
    const appWarmClient = new Client(apps, new Limiter(opt.concurrency), appWarm, deadline);
    await surge(warmUnits, (u) => appSession(appWarmClient, appWarm, u, seeded.callId, opt.saves, () => undefined));
    log(`warm-up: ${appWarm.acknowledged.size} sessions`);

    const appStats = newStats();
    const appClient = new Client(apps, new Limiter(opt.concurrency), appStats, deadline);
    const stopSampling = lockSampler(db);
    const appMs = await surge(timed, (u) => appSession(appClient, appStats, u, seeded.callId, opt.saves, () => undefined));
    const locks = await stopSampling();
    const measured = summary(appStats, appMs);
    lines.push({ bench: 'api-surge', phase: 'rdplan (2 instances)', ...measured, ...locks });
    log(`rdplan: ${JSON.stringify({ ...measured, ...locks })}`);

    // ----- the fault phase: kill -9 one instance when a third of the submissions are acknowledged
    const faultStats = newStats();
    const faultClient = new Client(apps, new Limiter(opt.concurrency), faultStats, deadline);
    const victim = apps[1]!;
    let killedAt: number | null = null;
    const killAfter = Math.max(1, Math.floor(fault.length / 3));
    const onAck = () => {
      if (killedAt === null && faultStats.acknowledged.size >= killAfter) {
        killedAt = faultStats.acknowledged.size;
        victim.child.kill('SIGKILL');
        victim.alive = false;
        log(`killed ${victim.name} (SIGKILL) after ${killedAt} acknowledged submissions`);
      }
    };
    const faultMs = await surge(fault, (u) => appSession(faultClient, faultStats, u, seeded.callId, opt.saves, onAck));
    const faultSummary = summary(faultStats, faultMs);
    lines.push({
      bench: 'api-surge',
      phase: 'fault (kill -9 of one instance mid-surge)',
      killed_after_acknowledged: killedAt,
      ...faultSummary,
    });
    log(`fault: ${JSON.stringify(faultSummary)}`);
    await Promise.all(apps.map((a) => stopProcess(a.child)));

    // ----- what the database holds
    const acknowledgedIds = [...appWarm.acknowledged, ...appStats.acknowledged, ...faultStats.acknowledged];
    const submittedRows = await db
      .selectFrom('applications')
      .select(['id', 'org_id'])
      .where('call_id', '=', seeded.callId)
      .where('status', '=', 'submitted')
      .execute();
    const submittedIds = new Set(submittedRows.map((r) => r.id));
    const lost = acknowledgedIds.filter((id) => !submittedIds.has(id)).length;
    const perOrg = await db
      .selectFrom('applications')
      .select((eb) => ['org_id', eb.fn.countAll<number>().as('n')])
      .where('call_id', '=', seeded.callId)
      .groupBy('org_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    const duplicated = perOrg.reduce((s, r) => s + Number(r.n) - 1, 0);
    const submitAudits = await db
      .selectFrom('audit_events')
      .select((eb) => ['entity_id', eb.fn.countAll<number>().as('n')])
      .where('action', '=', 'application.submit')
      .groupBy('entity_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    // The instances' background jobs (pg-boss: the maintenance sweep, reminders) through the surge and the
    // kill: per queue and state, and how many ran more than once (retry_count > 0).
    const queueJobs = (
      await sql<{ name: string; state: string; jobs: number; retried: number }>`
        select name, state, count(*)::int as jobs, (count(*) filter (where retry_count > 0))::int as retried
        from pgboss.job group by name, state order by name, state`
        .execute(db)
        .catch(() => ({ rows: [] }))
    ).rows;
    t = performance.now();
    const audit = await verifyAudit(db);
    const verifyMs = Math.round(performance.now() - t);
    lines.push({
      bench: 'api-surge',
      phase: 'after',
      sessions: opt.sessions,
      concurrency: opt.concurrency,
      saves: opt.saves,
      submitted_rows: submittedRows.length,
      acknowledged: acknowledgedIds.length,
      lost,
      duplicated_applications: duplicated,
      submit_audited_twice: submitAudits.length,
      audit_verifies: audit.ok,
      audit_events: audit.events,
      // Events the killed instance committed but had not sealed, if the survivor's sweep had not reached
      // them before it stopped: committed, not yet in the chain; the next start seals them.
      audit_unsealed: audit.unsealed,
      audit_verify_ms: verifyMs,
      queue_jobs: queueJobs,
      queue_jobs_run_twice: queueJobs.reduce((n, j) => n + j.retried, 0),
    });

    lines.push({
      bench: 'api-surge',
      p50_ms: measured.p50_ms,
      p99_ms: measured.p99_ms,
      per_second: measured.per_second,
      ceiling_per_second: ceiling.per_second,
      ceiling_ratio: Math.round((measured.per_second / ceiling.per_second) * 1000) / 1000,
      acknowledged: acknowledgedIds.length,
      stored: submittedRows.length,
      lost,
      duplicated,
    });
    return lines;
  } finally {
    await Promise.all([...children].map((c) => stopProcess(c)));
    await database?.close().catch(() => undefined);
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    clearTimeout(hardStop);
  }
}
