import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli.js';
import { testDbKind } from './support/test-db.js';

describe.runIf(testDbKind === 'pglite')('rdplan audit verify (CLI, embedded database)', () => {
  it('passes on an intact chain and names the altered event', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdplan-cli-'));
    vi.stubEnv('RDPLAN_DATA_DIR', dir);
    vi.stubEnv('DATABASE_URL', '');
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    try {
      expect(await runCli(['migrate'])).toBe(0);
      const { appendAudit } = await import('../src/audit/audit.js');
      const { openDatabase } = await import('../src/db/database.js');
      const { systemActor } = await import('../src/context.js');
      const d = await openDatabase({ dataDir: dir });
      for (let i = 0; i < 3; i++) {
        await d.db
          .transaction()
          .execute((tx) =>
            appendAudit(tx, systemActor('test'), new Date(), { action: 'x', entityType: 't', entityId: String(i), after: { i } }),
          );
      }
      await d.close();
      expect(await runCli(['audit', 'verify'])).toBe(0);
      expect(JSON.parse(out.at(-1)!)).toMatchObject({ ok: true, events: 3 });

      const raw = new PGlite(dir);
      await raw.query(`update audit_events set actor_label = 'someone else' where seq = 2`);
      await raw.close();
      expect(await runCli(['audit', 'verify'])).toBe(1);
      expect(JSON.parse(out.at(-1)!)).toMatchObject({ ok: false, seq: 2, problem: 'altered' });
    } finally {
      log.mockRestore();
      vi.unstubAllEnvs();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('audit verify never migrates: on an empty data folder it says so and creates nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdplan-cli-'));
    vi.stubEnv('RDPLAN_DATA_DIR', dir);
    vi.stubEnv('DATABASE_URL', '');
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await runCli(['audit', 'verify'])).toBe(2);
      expect(err.mock.calls.flat().join('\n')).toMatch(/never migrated/);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      err.mockRestore();
      vi.unstubAllEnvs();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('imports organisations from a CSV file and reports bad rows by row and column', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdplan-cli-'));
    vi.stubEnv('RDPLAN_DATA_DIR', dir);
    vi.stubEnv('DATABASE_URL', '');
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    try {
      const { makeUscc } = await import('@rdplan/domain');
      const good = makeUscc('9', '1', '440106', 'MA5CL701');
      const csv = [
        '统一社会信用代码,单位名称,单位类型,注册地行政区划代码',
        `${good},广州命令行测试有限公司,企业,440106`,
        '91440106MA5CL701X0,坏行有限公司,企业,440106',
      ].join('\n');
      const file = path.join(dir, 'orgs.csv');
      fs.writeFileSync(file, csv);
      expect(await runCli(['import', 'organisations', file])).toBe(1);
      const first = JSON.parse(out.at(-1)!);
      expect(first).toMatchObject({ inserted: 1, rejected: 1 });
      expect(first.errors[0]).toMatchObject({ row: 3, column: '统一社会信用代码' });
      expect(await runCli(['import', 'organisations', file])).toBe(1);
      expect(JSON.parse(out.at(-1)!)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    } finally {
      log.mockRestore();
      vi.unstubAllEnvs();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
