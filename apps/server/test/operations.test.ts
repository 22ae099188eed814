import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_USERS } from '@rdplan/demo';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { HttpClient } from './support/http-client.js';
import { runCliProcess, startServerProcess, type ServerProcess } from './support/server-process.js';
import { createEmptyPostgresDatabase, testDbKind } from './support/test-db.js';

/**
 * Operations with real processes: instances starting together, and `rdplan audit verify` beside a
 * server that writes. (Backup/restore and kill -9 are in their own files.)
 */

/** Signs a demo user in and out again and again: every sign-in appends an audit event. */
function writeLoop(base: string, until: () => boolean): Promise<number> {
  const user = DEMO_USERS[0]!;
  return (async () => {
    let n = 0;
    while (!until()) {
      const c = new HttpClient(base);
      const res = await c.login(user.email, user.password);
      expect(res.status).toBe(200);
      n++;
    }
    return n;
  })();
}

describe.runIf(testDbKind === 'postgres')('several instances on one PostgreSQL', () => {
  it('two instances started at once on an empty database both come up, and the demo data is loaded once', async () => {
    const db = await createEmptyPostgresDatabase('rdplan_ops');
    const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'rdplan-ops-')));
    const servers: ServerProcess[] = [];
    try {
      const started = await Promise.allSettled(
        dirs.map((dir) =>
          startServerProcess({ DATABASE_URL: db.url, RDPLAN_DEMO: '1', RDPLAN_DATA_DIR: dir, RDPLAN_AUDIT_KEY: 'k'.repeat(40) }),
        ),
      );
      for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
      expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'up'))).toEqual(['up', 'up']);
      for (const s of servers) {
        const res = await fetch(`${s.url}/healthz`);
        expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
      }
      // Loaded once: one of the two logged it, and the registry is there once.
      const loaded = servers.filter((s) => s.output().includes('demo data loaded'));
      expect(loaded).toHaveLength(1);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const orgs = await client.query('select count(*)::int as n, count(distinct uscc)::int as d from organisations');
      await client.end();
      expect(orgs.rows[0]).toEqual({ n: 2000, d: 2000 });
      const verify = await runCliProcess(['audit', 'verify'], {
        DATABASE_URL: db.url,
        RDPLAN_DATA_DIR: dirs[0]!,
        RDPLAN_AUDIT_KEY: 'k'.repeat(40),
      });
      expect(verify.code, verify.stderr).toBe(0);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await db.drop();
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  }, 300_000);

  it('audit verify reads only (one read-only snapshot) beside a server that writes, and never migrates', async () => {
    const db = await createEmptyPostgresDatabase('rdplan_ops');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdplan-ops-'));
    const env = { DATABASE_URL: db.url, RDPLAN_DATA_DIR: dir, RDPLAN_AUDIT_KEY: 'v'.repeat(40) };
    let server: ServerProcess | null = null;
    try {
      // On a database that was never migrated, verify says so and creates nothing.
      const empty = await runCliProcess(['audit', 'verify'], env);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toMatch(/never migrated/);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const tables = await client.query(`select count(*)::int as n from pg_tables where schemaname = 'public'`);
      expect(tables.rows[0].n).toBe(0);
      await client.end();

      server = await startServerProcess({ ...env, RDPLAN_DEMO: '1' });
      let done = false;
      const writing = writeLoop(server.url, () => done);
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await runCliProcess(['audit', 'verify'], env));
      done = true;
      expect(await writing).toBeGreaterThan(0);
      for (const r of results) {
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toMatchObject({ ok: true, problems: [] });
      }
    } finally {
      await server?.stop();
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe.runIf(testDbKind === 'pglite')('the embedded data folder belongs to one process', () => {
  it('refuses a second server, and audit verify beside the writing server asks that server instead of opening the folder', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'rdplan-ops-'));
    const dir = path.join(parent, 'data');
    const env = { RDPLAN_DATA_DIR: dir, RDPLAN_DEMO: '1' };
    let server: ServerProcess | null = null;
    try {
      server = await startServerProcess(env);
      const second = await startServerProcess(env).then(
        (s) => s.stop().then(() => 'started'),
        (err: Error) => err.message,
      );
      expect(second).toMatch(/server \(pid \d+.*\) is using the data folder/);

      let done = false;
      const writing = writeLoop(server.url, () => done);
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await runCliProcess(['audit', 'verify'], { RDPLAN_DATA_DIR: dir }));
      done = true;
      expect(await writing).toBeGreaterThan(0);
      for (const r of results) {
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toMatchObject({ ok: true, problems: [] });
      }
      // A command that would write refuses while the server holds the folder.
      const migrate = await runCliProcess(['migrate'], { RDPLAN_DATA_DIR: dir });
      expect(migrate.code).toBe(2);
      expect(migrate.stderr).toMatch(/is using the data folder/);
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
    } finally {
      await server?.stop();
      fs.rmSync(parent, { recursive: true, force: true });
    }
  }, 300_000);
});
