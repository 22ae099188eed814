import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_USERS, generateNational, generateRegistry } from '@rdplan/demo';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/audit.js';
import { auditKey } from '../src/audit/anchor.js';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { migrate, openDatabase } from '../src/db/database.js';
import { Client } from './support/client.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { HttpClient } from './support/http-client.js';
import { runCliProcess, startServerProcess, type ServerProcess } from './support/server-process.js';
import { testDbKind } from './support/test-db.js';
import { completeForm, multipart, nationalApplication, pdf, seedFields, seedPlanAndCalls } from './support/tracks.js';

/**
 * kill -9 of the single embedded server process in the middle of a write, then a restart on the same
 * data folder: nothing is half-written and the audit chain verifies. (Embedded only: that is the mode
 * where one process holds the whole database.)
 */

describe.runIf(testDbKind === 'pglite')('kill -9 of the embedded server', () => {
  it('during a national import: after restart the import is stored wholly or not at all, and the chain verifies', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'rdplan-crash-'));
    const dir = path.join(parent, 'data');
    const env = { RDPLAN_DATA_DIR: dir, RDPLAN_DEMO: '1' };
    let server: ServerProcess | null = null;
    try {
      server = await startServerProcess(env);
      const officer = DEMO_USERS.find((u) => u.role === 'officer')!;
      const c = new HttpClient(server.url);
      expect((await c.login(officer.email, officer.password)).status).toBe(200);
      // New records (the benchmark-size generator's ids differ from the demo's), enough to be killed mid-way.
      const national = generateNational(generateRegistry(), { size: 'bench' });
      const applications = national.applications.slice(0, 6000);
      const form = new FormData();
      form.append('source', 'crash-test');
      form.append('file', new Blob([JSON.stringify({ applications })], { type: 'application/json' }), 'crash.json');
      const queued = await c.upload('/api/national/import', form);
      expect(queued.status).toBe(202);
      const jobId = queued.body.jobId as string;
      // Wait until it writes, then kill -9.
      for (let i = 0; ; i++) {
        const job = (await c.request('GET', `/api/national/import-jobs/${jobId}`)).body;
        if (job.status === 'running' && job.phase === 'writing' && (job.written ?? 0) > 0) break;
        expect(job.status, JSON.stringify(job)).not.toBe('failed');
        if (job.status === 'done') break; // finished before we caught it: still a valid outcome
        expect(i).toBeLessThan(3000);
        await sleep(20);
      }
      await server.kill();
      server = null;

      // Restart on the same folder: the stale lock is taken over and the server comes up.
      server = await startServerProcess(env);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const verify = await runCliProcess(['audit', 'verify'], { RDPLAN_DATA_DIR: dir });
      expect(verify.code, verify.stderr).toBe(0);
      await server.stop();
      server = null;

      const d = await openDatabase({ dataDir: dir });
      try {
        const ids = applications.map((a) => a.nationalId);
        const batches = await d.db.selectFrom('import_batches').select('id').where('source', '=', 'crash-test').execute();
        const present = await d.db.selectFrom('national_applications').select('national_id').where('national_id', 'in', ids).execute();
        const demoIds = new Set(generateNational(generateRegistry(), { size: 'demo' }).applications.map((a) => a.nationalId));
        const fromDemo = ids.filter((id) => demoIds.has(id)).length;
        // Wholly or not at all.
        if (batches.length === 1) expect(present.length).toBe(ids.length);
        else {
          expect(batches).toHaveLength(0);
          expect(present.length).toBe(fromDemo);
        }
        const verdict = await verifyAudit(d.db, { key: auditKey({ dataDir: dir }, false), dataDir: dir });
        expect(verdict).toMatchObject({ ok: true, problems: [] });
      } finally {
        await d.close();
      }
    } finally {
      await server?.kill();
      fs.rmSync(parent, { recursive: true, force: true });
    }
  }, 400_000);
});

describe.runIf(testDbKind === 'pglite')('kill -9 of the embedded server during a burst of submissions', () => {
  it('after restart every application is either submitted with its audit event or still a draft, and the chain verifies', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'rdplan-crash-'));
    const dir = path.join(parent, 'data');
    const UNITS = 40;
    let server: ServerProcess | null = null;
    try {
      // Prepare ready drafts in this process (the real app on the folder), then hand the folder over.
      const ready: { id: string; version: number; email: string }[] = [];
      {
        const d = await openDatabase({ dataDir: dir });
        await migrate(d.db);
        const config = { ...loadConfig({ NODE_ENV: 'test' }), webDist: null, dataDir: dir, rateLimit: null };
        const app = await buildApp({ db: d.db, config, clock: systemClock });
        await app.ready();
        const now = Date.now();
        await seedFields(d.db);
        const { calls } = await seedPlanAndCalls(d.db, {
          opensAt: new Date(now - 7 * 86_400_000).toISOString(),
          closesAt: new Date(now + 60 * 86_400_000).toISOString(),
        });
        for (let i = 0; i < UNITS; i++) {
          const org = await createOrg(d.db, { name: `广州崩溃测试${i}号科技有限公司` });
          await d.db
            .updateTable('organisations')
            .set({
              above_designated_size: true,
              above_designated_size_year: 2025,
              hnte_cert_no: `GR2024440000${String(i).padStart(2, '0')}`,
              hnte_valid_from: '2024-12-01',
              hnte_valid_to: '2027-11-30',
            })
            .where('id', '=', org.id)
            .execute();
          const user = await createUser(d.db, { roles: ['unit_admin'], orgId: org.id });
          const unit = new Client(app);
          expect((await unit.login(user.email, PASSWORD)).status).toBe(200);
          const n = await nationalApplication(d.db, { leadOrgId: org.id });
          const created = await unit.post('/api/applications', {
            callId: calls.backfill,
            clientKey: randomUUID(),
            nationalApplicationId: n.id,
          });
          expect(created.status, JSON.stringify(created.body)).toBe(201);
          const saved = await unit.put(`/api/applications/${created.body.id}/draft`, {
            version: created.body.version,
            form: completeForm(),
          });
          expect(saved.status, JSON.stringify(saved.body)).toBe(200);
          const m = multipart('proposal.pdf', pdf());
          const attached = await unit.request(
            'POST',
            `/api/applications/${created.body.id}/attachments?materialKey=proposal`,
            m.body,
            m.headers,
          );
          expect(attached.status, JSON.stringify(attached.body)).toBe(200);
          ready.push({ id: created.body.id, version: attached.body.version, email: user.email });
        }
        await app.close();
        await d.close();
      }

      server = await startServerProcess({ RDPLAN_DATA_DIR: dir, RDPLAN_DEMO: '0' });
      const clients = await Promise.all(
        ready.map(async (r) => {
          const c = new HttpClient(server!.url);
          expect((await c.login(r.email, PASSWORD)).status).toBe(200);
          return c;
        }),
      );
      const acknowledged = new Set<string>();
      let killed = false;
      let killing: Promise<void> | null = null;
      const burst = ready.map((r, i) =>
        clients[i]!.request('POST', `/api/applications/${r.id}/submit`, { version: r.version }).then(
          (res) => {
            if (res.status === 200) {
              acknowledged.add(r.id);
              // kill -9 at the first acknowledgement, while the rest are in flight (the embedded database
              // takes them one at a time)
              if (!killed) {
                killed = true;
                killing = server!.kill();
              }
            } else expect(res.status, JSON.stringify(res.body)).toBe(200);
          },
          () => expect(killed).toBe(true), // the connection died with the process
        ),
      );
      while (!killing) await sleep(1);
      await killing;
      server = null;
      await Promise.all(burst);
      // Usually most are still in flight at the kill; on a quick machine the burst can finish first, and then
      // the checks below still hold (every acknowledged submission stored once, the chain verifying).
      if (acknowledged.size === UNITS) console.warn('crash test: every submission was acknowledged before the kill');

      server = await startServerProcess({ RDPLAN_DATA_DIR: dir, RDPLAN_DEMO: '0' });
      const verify = await runCliProcess(['audit', 'verify'], { RDPLAN_DATA_DIR: dir });
      expect(verify.code, verify.stderr).toBe(0);
      await server.stop();
      server = null;

      const d = await openDatabase({ dataDir: dir });
      try {
        let submitted = 0;
        for (const r of ready) {
          const app = await d.db.selectFrom('applications').select('status').where('id', '=', r.id).executeTakeFirstOrThrow();
          const events = await d.db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'application.submit')
            .where('entity_id', '=', r.id)
            .executeTakeFirstOrThrow();
          if (app.status === 'draft') expect(Number(events.n), r.id).toBe(0);
          else {
            expect(app.status, r.id).toBe('submitted');
            expect(Number(events.n), r.id).toBe(1);
            submitted++;
          }
          if (acknowledged.has(r.id)) expect(app.status).toBe('submitted');
        }
        expect(submitted).toBeGreaterThanOrEqual(acknowledged.size);
        expect(await verifyAudit(d.db, { key: auditKey({ dataDir: dir }, false), dataDir: dir })).toMatchObject({ ok: true, problems: [] });
      } finally {
        await d.close();
      }
    } finally {
      await server?.kill();
      fs.rmSync(parent, { recursive: true, force: true });
    }
  }, 400_000);
});
