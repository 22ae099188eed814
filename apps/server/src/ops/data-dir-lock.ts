import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded database's data folder belongs to one process at a time (PGlite is a single backend in
 * that process; a second process opening the same folder corrupts it or crashes). Whoever opens it — the
 * server, or a CLI command when no server runs — first creates rdplan.lock there exclusively, naming its
 * pid, its role and (for the server) the control socket through which it answers read-only requests
 * such as `rdplan audit verify`. A lock whose process is gone (kill -9, power loss) is stale and taken over.
 */

export const LOCK_FILE = 'rdplan.lock';

export interface LockHolder {
  pid: number;
  role: 'server' | 'cli';
  startedAt: string;
  /** Unix socket of a running server's control endpoint (ops/control-socket.ts). */
  socket?: string;
}

export interface DataDirLock {
  readonly file: string;
  /** Records more about the holder (the server's control socket once it listens). */
  update(extra: Partial<Pick<LockHolder, 'socket'>>): void;
  release(): void;
}

export type LockAttempt = { ok: true; lock: DataDirLock } | { ok: false; holder: LockHolder };

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The current holder of the data folder, or null when it is free (no lock, or a stale one). */
export function lockHolder(dataDir: string): LockHolder | null {
  try {
    const holder = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) && alive(holder.pid) ? holder : null;
  } catch {
    return null;
  }
}

/** Takes the data folder for this process, or answers who holds it. */
export function acquireDataDirLock(dataDir: string, role: LockHolder['role']): LockAttempt {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  let holder: LockHolder = { pid: process.pid, role, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(holder), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const current = lockHolder(dataDir);
      if (current) return { ok: false, holder: current };
      // Stale (its process is gone) or unreadable: take it over.
      fs.rmSync(file, { force: true });
      continue;
    }
    const lock: DataDirLock = {
      file,
      update(extra) {
        holder = { ...holder, ...extra };
        const temp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temp, JSON.stringify(holder), { mode: 0o600 });
        fs.renameSync(temp, file);
      },
      release() {
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
          if (current.pid === process.pid) fs.rmSync(file, { force: true });
        } catch {
          // already gone
        }
      },
    };
    return { ok: true, lock };
  }
  throw new Error(`could not take ${file}`);
}

/** A sentence for people: who holds the folder and what to do. */
export function describeHolder(dataDir: string, holder: LockHolder): string {
  return holder.role === 'server'
    ? `the rdplan server (pid ${holder.pid}, since ${holder.startedAt}) is using the data folder ${dataDir}; stop it first / 服务器正在使用数据目录，请先停止服务器`
    : `another rdplan command (pid ${holder.pid}, since ${holder.startedAt}) is using the data folder ${dataDir}; try again when it has finished / 另一个命令正在使用数据目录，请稍后再试`;
}
