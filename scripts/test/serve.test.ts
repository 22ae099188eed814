import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdplan-serve-'));
let server: ChildProcess | null = null;
afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** The server's entry point as production starts it (from source here; the compiled one is the same code). */
function start(env: Record<string, string>) {
  const clean: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(clean)) if (k.startsWith('VITEST') || k.startsWith('RDPLAN_') || k === 'DATABASE_URL') delete clean[k];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: { ...clean, LOG_LEVEL: 'info', RDPLAN_WEB_DIST: path.join(dataDir, 'no-web'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    const poll = setInterval(() => {
      const line = log.split('\n').find((l) => l.includes('rdplan ready on'));
      if (line) resolve(JSON.parse(line) as Record<string, unknown>);
      else if (child.exitCode !== null) reject(new Error(`server exited:\n${log}`));
      if (line || child.exitCode !== null) clearInterval(poll);
    }, 100);
  });
  return { child, ready, log: () => log };
}

describe('the server in production', () => {
  it('listens where HOST says and names it, keeps /metrics on its own port, and loads no demo accounts', async () => {
    const s = start({ NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', RDPLAN_DATA_DIR: dataDir, RDPLAN_METRICS_PORT: '0' });
    server = s.child;
    const ready = await s.ready;
    expect(ready).toMatchObject({ profile: 'production', host: '127.0.0.1' });
    expect(ready.msg).toBe(`rdplan ready on http://127.0.0.1:${String(ready.port)}`);
    const base = `http://127.0.0.1:${String(ready.port)}`;
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', database: 'ok' });
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect(ready.metricsPort).not.toBe(ready.port);
    const metrics = await fetch(`http://127.0.0.1:${String(ready.metricsPort)}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('rdplan_http_requests_total{method="GET",route="/healthz",status="200"} 1');
    expect(s.log()).not.toContain('demo data loaded');
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@rdplan.demo', password: 'Baiyun-Shan-2026' }),
    });
    expect(login.status).not.toBe(200);
  });
});
