import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The README's production path on the committed state of this repository, in a temporary folder:
 * `npm ci && npm run build && npm prune --omit=dev && NODE_ENV=production npm run serve`, then the
 * compiled server answers with no devDependency installed.
 */
const work = path.join(os.tmpdir(), `rdplan-production-${process.pid}-${Date.now()}`);
const repo = path.join(work, 'repo');
let server: ChildProcess | null = null;
/** True while any process of the group led by `pid` is alive. */
function groupAlive(pid: number) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
afterAll(async () => {
  // npm run serve → sh → node: stop the whole process group it leads, as a terminal's Ctrl-C would, and
  // wait until the server has finished (it closes the database) before removing its folder
  const pid = server?.pid;
  if (pid && groupAlive(pid)) {
    process.kill(-pid, 'SIGTERM');
    for (let waited = 0; groupAlive(pid); waited += 200) {
      if (waited === 30_000) process.kill(-pid, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
}, 120_000);

/** The environment of a shell on a production machine (nothing of the test runner's). */
const env: Record<string, string | undefined> = { ...process.env };
for (const k of Object.keys(env))
  if (k.startsWith('VITEST') || k.startsWith('RDPLAN_') || k === 'NODE_ENV' || k === 'DATABASE_URL') delete env[k];

function sh(cmd: string, args: string[], extra: Record<string, string> = {}) {
  return execFileSync(cmd, args, { cwd: repo, env: { ...env, ...extra }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// About four minutes (npm ci, both builds, removing the copy), so it runs as its own step of .ci/run:
// RDPLAN_PRODUCTION_TEST=1 npx vitest run --project domain scripts/test/production.test.ts
// It needs the repository's git history: it builds the committed state.
const wanted = process.env.RDPLAN_PRODUCTION_TEST === '1' && fs.existsSync(path.join(root, '.git'));
describe.skipIf(!wanted)('the production path of the README', () => {
  it('builds, prunes the devDependencies and serves the compiled server', async () => {
    // the committed state (git archive of HEAD), as a fresh clone has it
    fs.mkdirSync(repo, { recursive: true });
    execFileSync('sh', ['-c', `git -C "${root}" archive --format=tar HEAD | tar -x -C "${repo}"`]);
    expect(fs.existsSync(path.join(repo, 'node_modules'))).toBe(false);

    sh('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
    sh('npm', ['run', 'build']);
    expect(fs.existsSync(path.join(repo, 'apps/server/dist/main.js'))).toBe(true);
    expect(fs.existsSync(path.join(repo, 'apps/server/dist/cli.js'))).toBe(true);
    sh('npm', ['prune', '--omit=dev', '--no-audit', '--no-fund']);
    for (const dev of ['tsx', 'esbuild', 'vite', 'typescript', 'vitest', 'knip'])
      expect(fs.existsSync(path.join(repo, 'node_modules', dev)), `${dev} is pruned`).toBe(false);

    // the compiled command line: migrations are in the build
    const dataDir = path.join(work, 'data');
    const migrated = sh('npx', ['rdplan', 'migrate'], { RDPLAN_DATA_DIR: dataDir, NODE_ENV: 'production' });
    expect(migrated).toContain('migrations are up to date');

    server = spawn('npm', ['run', 'serve'], {
      cwd: repo,
      env: { ...env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', RDPLAN_DATA_DIR: dataDir, RDPLAN_METRICS_TOKEN: 'scrape' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let log = '';
    server.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    server.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    const ready = await new Promise<{ port: number; msg: string; profile: string }>((resolve, reject) => {
      const poll = setInterval(() => {
        const line = log.split('\n').find((l) => l.includes('rdplan ready on'));
        if (line) {
          clearInterval(poll);
          resolve(JSON.parse(line) as { port: number; msg: string; profile: string });
        } else if (server!.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`server exited:\n${log}`));
        }
      }, 100);
    });
    // it listens where HOST says, and says so
    expect(ready.msg).toBe(`rdplan ready on http://127.0.0.1:${ready.port}`);
    expect(ready.profile).toBe('production');
    expect(log).not.toContain('demo data loaded');
    const base = `http://127.0.0.1:${ready.port}`;

    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', database: 'ok' });
    const page = await fetch(`${base}/calls`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    // fetch() asks for and decodes compressed bodies itself; a raw request shows what travels
    const raw = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      void import('node:http').then(({ get }) =>
        get(`${base}${asset}`, { headers: { 'accept-encoding': 'br' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject),
      );
    });
    expect(raw.headers['content-encoding']).toBe('br');
    expect(raw.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(raw.body).length).toBeGreaterThan(raw.body.length);

    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer scrape' } })).status).toBe(200);
    expect(log).not.toMatch(/"level":(50|60)/);
  }, 600_000);
});
