import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs `npm test`'s script as on a machine without PostgreSQL binaries or Chromium. */
function runBare(extraEnv: Record<string, string>) {
  const env: Record<string, string | undefined> = {
    ...process.env,
    RDPLAN_PG_ROOT: '/nonexistent',
    RDPLAN_CHROMIUM_CANDIDATES: '/nonexistent/chromium',
    RDPLAN_TEST_REPORT: path.join(os.tmpdir(), `rdplan-bare-${process.pid}.json`),
    ...extraEnv,
  };
  for (const k of [
    'DATABASE_URL',
    'PG_BIN',
    'CHROMIUM_PATH',
    'CI',
    'RDPLAN_REQUIRE_ALL',
    'VITEST',
    'VITEST_POOL_ID',
    'VITEST_WORKER_ID',
    'NODE_ENV',
    'RDPLAN_TEST_DB',
  ]) {
    if (!(k in extraEnv)) delete env[k];
  }
  try {
    return spawnSync(process.execPath, ['scripts/test.mjs', 'packages/domain/test/uscc.test.ts'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
  } finally {
    fs.rmSync(env.RDPLAN_TEST_REPORT!, { force: true });
  }
}

describe('the test command on a machine that lacks tools', () => {
  it('passes, and says which suites it skipped and what to install', () => {
    const r = runBare({});
    expect(r.stdout).toContain('SKIPPED server-postgres');
    expect(r.stdout).toContain('apt-get install postgresql');
    expect(r.stdout).toContain('SKIPPED e2e');
    expect(r.stdout).toContain('apt-get install chromium');
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed/m);
    expect(r.status).toBe(0);
  });

  it('fails under CI, where no suite may be skipped', () => {
    const r = runBare({ CI: 'true' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('CI requires every suite');
  });
});
