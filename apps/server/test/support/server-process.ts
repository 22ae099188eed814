import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../src/config.js';

/**
 * The real server as a child process (node --import tsx apps/server/src/main.ts) on a random port, for
 * tests of what only separate processes show: start-up races, kill -9, a CLI beside a running server.
 */
export interface ServerProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port>, once ready. */
  url: string;
  /** Everything it printed (JSON log lines and errors). */
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** kill -9 and wait for the exit. */
  kill(): Promise<void>;
}

const MAIN = path.join(repoRoot, 'apps/server/src/main.ts');
const CLI = path.join(repoRoot, 'apps/server/src/cli.ts');

function baseEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, RDPLAN_DATA_DIR: _dir, RDPLAN_TEST_DB: _kind, ...rest } = process.env;
  // Background jobs run as in a real server (NODE_ENV=test alone turns them off); rate limits are off
  // because the tests sign many users in from one address.
  return {
    ...rest,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: '0',
    RDPLAN_WEB_DIST: '',
    RDPLAN_JOBS: 'on',
    RDPLAN_JOBS_POLL_SECONDS: '0.5',
    RDPLAN_RATE_LIMIT: 'off',
    ...env,
  };
}

/** Starts a server; resolves when it listens, rejects when it exits first (with its output). */
export function startServerProcess(env: Record<string, string>, timeoutMs = 240_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: repoRoot, env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitExit = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /"port":(\d+)[^\n]*rdplan ready/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          url: `http://127.0.0.1:${m[1]}`,
          output: () => out,
          stop: () => waitExit('SIGTERM'),
          kill: () => waitExit('SIGKILL'),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`server exited with ${code}:\n${out}`), { code, output: out }));
    });
  });
}

/** Runs `rdplan <args>` as its own process; its exit code and output. */
export function runCliProcess(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: repoRoot,
    env: baseEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}
