import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The anchor of the audit chain: a signed checkpoint (seq, head hash) kept outside audit_events, so that
 * removing the last events of the chain — which leaves a chain that is intact in itself — is still
 * detected. The signature is an HMAC with a key that is never stored in the database: RDPLAN_AUDIT_KEY,
 * or else a key file (audit.key, mode 0600) in the data folder, created on first use.
 *
 * Every seal pass (sealer.ts) writes the anchor of the head it produced to the audit_anchor table (same
 * transaction, so it can never be ahead of or behind the committed chain) and, after commit, to
 * audit-anchor.json in the data folder (only forward: a file never goes back to an older seq). Someone
 * who can write to the database can delete the tail and put back an older anchor row they kept, but
 * cannot forge a newer one, and the file outside the database still names the true head.
 */

export interface Anchor {
  seq: number;
  head: string;
  /** ISO time of signing. */
  at: string;
  mac: string;
}

export const KEY_FILE = 'audit.key';
export const ANCHOR_FILE = 'audit-anchor.json';

/** What finding the key needs from the configuration. */
export interface AnchorSettings {
  dataDir: string;
  auditKey?: string | undefined;
}

const keyCache = new Map<string, Buffer>();
let warnedNoKey = false;

/**
 * The signing key: RDPLAN_AUDIT_KEY when set, else the data folder's key file. With `create`, a missing
 * key file is made (32 random bytes, mode 0600); without it (read-only verification) a missing key is null.
 */
export function auditKey(settings: AnchorSettings, create: boolean): Buffer | null {
  if (settings.auditKey) return Buffer.from(settings.auditKey, 'utf8');
  const file = path.join(settings.dataDir, KEY_FILE);
  const cached = keyCache.get(file);
  if (cached) return cached;
  const read = () => {
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} is not an audit key (64 hex digits)`);
    return Buffer.from(hex, 'hex');
  };
  let key: Buffer;
  try {
    key = read();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !create) {
      if (create) throw err;
      return null;
    }
    try {
      fs.mkdirSync(settings.dataDir, { recursive: true });
      fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        if (!warnedNoKey) console.error(`audit anchor disabled: cannot create ${file} (${String(e)}); set RDPLAN_AUDIT_KEY`);
        warnedNoKey = true;
        return null;
      }
    }
    key = read();
  }
  keyCache.set(file, key);
  return key;
}

function macOf(key: Buffer, seq: number, head: string, at: string): string {
  return createHmac('sha256', key).update(`rdplan-audit-anchor:v1\n${seq}\n${head}\n${at}`).digest('hex');
}

export function signAnchor(key: Buffer, seq: number, head: string, at: Date): Anchor {
  const iso = at.toISOString();
  return { seq, head, at: iso, mac: macOf(key, seq, head, iso) };
}

export function anchorSignatureValid(key: Buffer, a: Anchor): boolean {
  const expected = Buffer.from(macOf(key, a.seq, a.head, a.at), 'hex');
  const given = Buffer.from(a.mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function isAnchor(v: unknown): v is Anchor {
  const a = v as Anchor;
  return !!a && Number.isInteger(a.seq) && typeof a.head === 'string' && typeof a.at === 'string' && typeof a.mac === 'string';
}

/** The anchor file of the data folder: null when there is none, 'unreadable' when it is not an anchor. */
export function readAnchorFile(dataDir: string): Anchor | null | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, ANCHOR_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const v: unknown = JSON.parse(text);
    return isAnchor(v) ? v : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

interface FileWriter {
  written: number;
  wanted: Anchor | null;
  running: Promise<void> | null;
}
const writers = new Map<string, FileWriter>();

/**
 * Records a newer anchor in the data folder's anchor file, after commit. Writes are coalesced (one file
 * write carries the newest anchor of many transactions) and atomic (temp file + rename); the file only
 * moves forward. Best effort: a failed write leaves the previous anchor, which is still true.
 */
export function recordAnchorFile(dataDir: string, anchor: Anchor): Promise<void> {
  let w = writers.get(dataDir);
  if (!w) {
    const current = readAnchorFile(dataDir);
    w = { written: current && current !== 'unreadable' ? current.seq : 0, wanted: null, running: null };
    writers.set(dataDir, w);
  }
  if (anchor.seq <= w.written || (w.wanted && anchor.seq <= w.wanted.seq)) return w.running ?? Promise.resolve();
  w.wanted = anchor;
  const writer = w;
  writer.running ??= (async () => {
    while (writer.wanted && writer.wanted.seq > writer.written) {
      const next = writer.wanted;
      const target = path.join(dataDir, ANCHOR_FILE);
      const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(temp, `${JSON.stringify(next)}\n`, { mode: 0o600 });
        await rename(temp, target);
      } catch {
        fs.rmSync(temp, { force: true });
        break;
      }
      writer.written = next.seq;
    }
    writer.wanted = null;
    writer.running = null;
  })();
  return writer.running;
}

/** Waits for the anchor-file writes in progress (an app closing waits, so its data folder can go). */
export async function anchorFilesSettled(): Promise<void> {
  await Promise.all([...writers.values()].map((w) => w.running));
}

/** Replaces the anchor file unconditionally (after a restore, the restored chain's own anchor). */
export function resetAnchorFile(dataDir: string, anchor: Anchor | null): void {
  writers.delete(dataDir);
  const target = path.join(dataDir, ANCHOR_FILE);
  if (!anchor) {
    fs.rmSync(target, { force: true });
    return;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
  fs.renameSync(temp, target);
}
