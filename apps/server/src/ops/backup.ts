import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { anchorSignatureValid, auditKey, resetAnchorFile } from '../audit/anchor.js';
import type { Config } from '../config.js';
import { openDatabase, PGLITE_PARSERS } from '../db/database.js';
import { LOCK_FILE } from './data-dir-lock.js';

/**
 * Backup and restore of either database.
 * - PostgreSQL server: pg_dump's custom format, restored with pg_restore (--clean --if-exists, one
 *   transaction). The binaries come from PG_BIN, else the newest /usr/lib/postgresql/N/bin, else PATH; they
 *   must be at least the server's major version. Stop the instances before restoring.
 * - Embedded: PGlite's own dump of the data folder (a .tar.gz holding the database and the folder's
 *   files: blobs, audit key and anchor), taken while this process holds the folder's lock, so nothing
 *   writes meanwhile. Restore unpacks it beside the folder and swaps it in; the old folder is kept
 *   as <folder>.before-restore-<time>.
 */

export function postgresBin(tool: 'pg_dump' | 'pg_restore'): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && fs.existsSync(path.join(fromEnv, tool))) return path.join(fromEnv, tool);
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, 'bin', tool)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin', tool);
  }
  return tool;
}

export function backupPostgres(url: string, file: string): void {
  execFileSync(postgresBin('pg_dump'), ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${url}`], { stdio: 'pipe' });
}

/** Restores a pg_dump file into the database, then makes the data folder's anchor file the restored one. */
export async function restorePostgres(
  url: string,
  file: string,
  config: Config,
): Promise<{ anchor: 'restored' | 'none' | 'key_mismatch' }> {
  execFileSync(
    postgresBin('pg_restore'),
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file],
    { stdio: 'pipe' },
  );
  const database = await openDatabase({ url });
  try {
    const row = await database.db.selectFrom('audit_anchor').selectAll().where('id', '=', 1).executeTakeFirst();
    const key = auditKey(config, false);
    const anchor = row ? { seq: Number(row.seq), head: row.head, at: row.at, mac: row.mac } : null;
    if (anchor && key && !anchorSignatureValid(key, anchor)) {
      resetAnchorFile(config.dataDir, null);
      return { anchor: 'key_mismatch' };
    }
    // The restored chain is the truth now: the file must not name a head the backup does not have.
    resetAnchorFile(config.dataDir, anchor);
    return { anchor: anchor ? 'restored' : 'none' };
  } finally {
    await database.close();
  }
}

/** Files of ours that must not travel with a copy of the folder. */
function dropProcessFiles(dir: string) {
  fs.rmSync(path.join(dir, LOCK_FILE), { force: true });
  fs.rmSync(path.join(dir, 'control'), { recursive: true, force: true });
}

/** Dumps the embedded data folder; the caller holds its lock. */
export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  fs.rmSync(path.join(dataDir, 'control'), { recursive: true, force: true }); // a killed server's socket
  const pglite = new PGlite({ dataDir, parsers: PGLITE_PARSERS });
  try {
    await pglite.waitReady;
    await pglite.query('checkpoint');
    const dump = await pglite.dumpDataDir('gzip');
    const temp = `${file}.tmp`;
    fs.writeFileSync(temp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(temp, file);
  } finally {
    await pglite.close();
  }
}

/**
 * Replaces the embedded data folder with a backup; the caller holds the folder's lock, which moves into
 * the restored folder with the swap and is released by the caller. Returns where the old folder went.
 */
export async function restoreEmbedded(dataDir: string, file: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const incoming = `${dataDir}.restoring-${process.pid}`;
  fs.rmSync(incoming, { recursive: true, force: true });
  const pglite = new PGlite({ dataDir: incoming, loadDataDir: new Blob([fs.readFileSync(file)]), parsers: PGLITE_PARSERS });
  await pglite.waitReady;
  await pglite.close();
  dropProcessFiles(incoming);
  // Our lock goes with us into the new folder, so the folder is never free while it is swapped.
  fs.copyFileSync(path.join(dataDir, LOCK_FILE), path.join(incoming, LOCK_FILE));
  const previous = `${dataDir}.before-restore-${stamp}`;
  fs.renameSync(dataDir, previous);
  fs.renameSync(incoming, dataDir);
  fs.rmSync(path.join(previous, LOCK_FILE), { force: true });
  return previous;
}
