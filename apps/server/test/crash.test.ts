import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_USERS, generateNational, generateRegistry } from '@rdplan/demo';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/audit.js';
import { auditKey } from '../src/audit/anchor.js';
import { openDatabase } from '../src/db/database.js';
import { HttpClient } from './support/http-client.js';
import { runCliProcess, startServerProcess, type ServerProcess } from './support/server-process.js';
import { testDbKind } from './support/test-db.js';

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
