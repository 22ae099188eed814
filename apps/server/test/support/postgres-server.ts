import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Finds the machine's PostgreSQL server binaries (Debian keeps them under /usr/lib/postgresql/N/bin). */
export function findPostgresBin(): string | null {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && fs.existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  try {
    const initdb = execFileSync('which', ['initdb'], { encoding: 'utf8' }).trim();
    return initdb ? path.dirname(initdb) : null;
  } catch {
    return null;
  }
}

/** A TCP port on 127.0.0.1 that is free now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a throw-away PostgreSQL server: initdb into a temp folder, listen on loopback on a free port
 * and on a socket in that folder, trust authentication (nothing else can reach it). Torn down by stop().
 */
export async function startPostgres(bin: string): Promise<RunningPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdplan-pg-'));
  const data = path.join(dir, 'data');
  // initdb and postgres refuse to run as root; use an unprivileged account when we are root.
  const asRoot = process.getuid?.() === 0;
  const runAs = asRoot ? 'nobody' : null;
  if (runAs) {
    fs.chmodSync(dir, 0o777);
  }
  const cmd = (file: string, args: string[]) =>
    runAs ? { file: 'runuser', args: ['-u', runAs, '--', path.join(bin, file), ...args] } : { file: path.join(bin, file), args };
  const init = cmd('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  execFileSync(init.file, init.args, { stdio: 'pipe' });
  const port = await freePort();
  const start = cmd('postgres', [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-h',
    '127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=200',
  ]);
  const child: ChildProcess = spawn(start.file, start.args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited: ${log}`);
    if (/ready to accept connections/.test(log)) break;
    if (Date.now() > deadline) throw new Error(`postgres did not start in 30 s: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        const stop = cmd('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
        try {
          execFileSync(stop.file, stop.args, { stdio: 'pipe', timeout: 20_000 });
        } catch {
          child.kill('SIGKILL');
        }
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
