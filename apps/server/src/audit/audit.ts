import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../context.js';
import type { Executor, Tx } from '../db/database.js';
import { ANCHOR_FILE, anchorSignatureValid, readAnchorFile, signAnchor, type Anchor } from './anchor.js';

/**
 * The audit log: every state change appends one event in the same transaction as the change.
 * Events form a hash chain (each hash covers the event and the previous hash), so altering or removing
 * a row is detected; a signed anchor of the head kept outside the table (anchor.ts) detects removing the
 * last rows too.
 */

export const GENESIS_HASH = '0'.repeat(64);
/** The advisory lock of extending the chain (any constant of our own). */
export const AUDIT_LOCK = 7_426_001;

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** JSON with object keys sorted at every level, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalise(v);
    }
    return out;
  }
  return value;
}

interface HashedFields {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  prev_hash: string;
}

export function eventHash(e: HashedFields): string {
  const payload = canonicalJson([
    e.seq,
    e.at.toISOString(),
    e.actor_id,
    e.actor_label,
    e.action,
    e.entity_type,
    e.entity_id,
    e.before ?? null,
    e.after ?? null,
    e.reason ?? null,
    e.prev_hash,
  ]);
  return createHash('sha256').update(payload).digest('hex');
}

interface PendingEvent {
  actor: Actor;
  at: Date;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** Audit events a transaction has recorded but not yet written (see deferAudit). */
export interface AuditBatch {
  events: PendingEvent[];
}

const batches = new WeakMap<Tx, AuditBatch>();

/**
 * Makes appendAudit on this transaction collect its events instead of writing them at once; flushAudit
 * then writes them all, unsealed, as the transaction's last statement. No chain lock is taken on the way:
 * the sealer (sealer.ts) links and hashes committed events afterwards, in batches.
 */
export function deferAudit(tx: Tx): AuditBatch {
  const batch: AuditBatch = { events: [] };
  batches.set(tx, batch);
  return batch;
}

/**
 * Records one event; must run inside the transaction of the change it records, so the change and its
 * record commit or vanish together. In a transaction of inTransaction the event is written when the
 * transaction's work is done and sealed after commit; elsewhere (seeding, one-off jobs, tests) it is
 * written and sealed at once, in the caller's transaction.
 */
export async function appendAudit(tx: Tx, actor: Actor, at: Date, input: AuditInput): Promise<void> {
  const event: PendingEvent = {
    actor: { ...actor },
    // Microseconds are not kept by JavaScript dates; store what is hashed.
    at: new Date(at.getTime()),
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    // Canonical copies now: the caller may go on changing its objects before the batch is written.
    before: input.before === undefined ? null : JSON.parse(canonicalJson(input.before)),
    after: input.after === undefined ? null : JSON.parse(canonicalJson(input.after)),
    reason: input.reason ?? null,
  };
  const batch = batches.get(tx);
  if (batch) {
    batch.events.push(event);
    return;
  }
  await insertUnsealed(tx, [event]);
  await sealPending(tx, null);
}

/** Writes the batch's events (if any), unsealed; returns how many it wrote. */
export async function flushAudit(tx: Tx, batch: AuditBatch): Promise<number> {
  const events = batch.events.splice(0);
  if (events.length > 0) await insertUnsealed(tx, events);
  return events.length;
}

async function insertUnsealed(tx: Tx, events: PendingEvent[]) {
  await tx
    .insertInto('audit_events')
    .values(
      events.map((e) => ({
        at: e.at,
        actor_id: e.actor.userId,
        actor_label: e.actor.label,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId,
        before: e.before === null ? null : JSON.stringify(e.before),
        after: e.after === null ? null : JSON.stringify(e.after),
        reason: e.reason,
      })),
    )
    .execute();
}

/** The newest sealed event: its seq and hash (0 and the genesis hash for an empty chain). */
async function chainHead(tx: Executor): Promise<{ seq: number; hash: string }> {
  const last = await tx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .where('seq', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { seq: Number(last?.seq ?? 0), hash: last?.hash ?? GENESIS_HASH };
}

/**
 * Seals the committed events that are not sealed yet, oldest insertion first, up to `limit`: each gets
 * the next seq, the previous event's hash and its own hash, computed from the row as stored. One sealer
 * at a time extends the chain (an advisory lock held to the end of the transaction); sealers of other
 * instances wait and then find those events sealed. With a key, the new head is signed into audit_anchor
 * in the same transaction. Returns how many it sealed and the anchor to record outside the database.
 */
export async function sealPending(tx: Tx, key: Buffer | null, limit = 2000): Promise<{ sealed: number; anchor: Anchor | null }> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const pending = await tx.selectFrom('audit_events').selectAll().where('seq', 'is', null).orderBy('id').limit(limit).execute();
  if (pending.length === 0) return { sealed: 0, anchor: null };
  let { seq, hash: prev } = await chainHead(tx);
  const sealed = pending.map((row) => {
    const fields: HashedFields = { ...row, seq: ++seq, prev_hash: prev };
    prev = eventHash(fields);
    return sql`(${Number(row.id)}::bigint, ${seq}::bigint, ${fields.prev_hash}::text, ${prev}::text)`;
  });
  await sql`
    update audit_events as e set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
    from (values ${sql.join(sealed)}) as v(id, seq, prev_hash, hash)
    where e.id = v.id and e.seq is null
  `.execute(tx);
  if (!key) return { sealed: pending.length, anchor: null };
  const anchor = signAnchor(key, seq, prev, new Date());
  await storeAnchor(tx, anchor);
  return { sealed: pending.length, anchor };
}

/** The one anchor row of the database: the newest signed head. */
async function storeAnchor(tx: Tx, anchor: Anchor) {
  const signed = { seq: anchor.seq, head: anchor.head, at: anchor.at, mac: anchor.mac };
  await tx
    .insertInto('audit_anchor')
    .values({ id: 1, ...signed })
    .onConflict((oc) => oc.column('id').doUpdateSet(signed))
    .execute();
}

/** Seals what is pending and signs the chain's head into audit_anchor (at start-up, after seeding). */
export async function anchorHead(tx: Tx, key: Buffer): Promise<Anchor | null> {
  const { anchor } = await sealPending(tx, key, Number.MAX_SAFE_INTEGER);
  if (anchor) return anchor;
  const head = await chainHead(tx);
  if (head.seq === 0) return null;
  const signed = signAnchor(key, head.seq, head.hash, new Date());
  await storeAnchor(tx, signed);
  return signed;
}

export type AuditProblemKind = 'removed' | 'relinked' | 'altered' | 'truncated' | 'rewritten' | 'anchor_forged';

export interface AuditProblem {
  seq: number;
  problem: AuditProblemKind;
  detail: string;
}

export interface AuditVerdict {
  ok: boolean;
  /** Sealed events present in the table (the chain). */
  events: number;
  /**
   * Committed events the sealer has not reached yet (sealer.ts): not in the chain, so not checked. A
   * running system has a few for milliseconds; many, or old ones, mean no instance is sealing.
   */
  unsealed: number;
  /** Hash of the last event present. */
  head: string;
  /** The highest seq a valid signed anchor vouches for, or null when none could be checked. */
  anchoredSeq: number | null;
  /** Every problem found, in chain order (verification does not stop at the first). */
  problems: AuditProblem[];
  /** What could not be checked (no anchor yet, no key here). */
  notes: string[];
  /** The first problem, repeated for a quick look. */
  seq?: number;
  problem?: AuditProblemKind;
  detail?: string;
}

export interface VerifyOptions {
  /** The anchor's key; without it anchors are reported as not checked. */
  key?: Buffer | null;
  /** The data folder whose anchor file is compared too (read before anything else). */
  dataDir?: string | null;
  /**
   * The anchor file as read before the transaction's snapshot was taken. The file is written after
   * commit, so read first it never names a head the snapshot cannot see; read later it might.
   */
  fileAnchor?: ReturnType<typeof readAnchorFile>;
  pageSize?: number;
}

/**
 * Walks the whole chain in order and lists every row that was altered, removed or relinked, then
 * compares the chain with its signed anchors (the audit_anchor row and the data folder's anchor file)
 * so that removing the last events is reported too.
 */
export async function verifyAudit(db: Executor, options: VerifyOptions = {}): Promise<AuditVerdict> {
  const pageSize = options.pageSize ?? 5000;
  const problems: AuditProblem[] = [];
  const notes: string[] = [];
  const anchors: { source: string; anchor: Anchor }[] = [];
  const file = options.fileAnchor !== undefined ? options.fileAnchor : options.dataDir ? readAnchorFile(options.dataDir) : null;
  const tableAnchor = await db.selectFrom('audit_anchor').selectAll().where('id', '=', 1).executeTakeFirst();
  if (tableAnchor) {
    anchors.push({
      source: 'the audit_anchor row',
      anchor: { seq: Number(tableAnchor.seq), head: tableAnchor.head, at: tableAnchor.at, mac: tableAnchor.mac },
    });
  }
  {
    if (file === 'unreadable') notes.push(`the anchor file ${ANCHOR_FILE} is not readable as an anchor`);
    else if (file) anchors.push({ source: `the anchor file ${ANCHOR_FILE}`, anchor: file });
  }
  const wanted = new Map<number, string>(); // seq → hash found there, for comparing with anchors
  for (const { anchor } of anchors) wanted.set(anchor.seq, '');

  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', prevSeq).orderBy('seq').limit(pageSize).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== prevSeq + 1) {
        const range = seq - 1 === prevSeq + 1 ? `event ${prevSeq + 1} is` : `events ${prevSeq + 1}–${seq - 1} are`;
        problems.push({ seq: prevSeq + 1, problem: 'removed', detail: `${range} missing (next present is ${seq})` });
      } else if (row.prev_hash !== prevHash) {
        problems.push({ seq, problem: 'relinked', detail: `event ${seq} does not link to event ${seq - 1}` });
      }
      const recomputed = eventHash({ ...row, seq, prev_hash: row.prev_hash ?? '', before: row.before, after: row.after });
      if (recomputed !== row.hash) {
        problems.push({ seq, problem: 'altered', detail: `event ${seq} was altered after it was written` });
      }
      if (wanted.has(seq)) wanted.set(seq, row.hash ?? '');
      prevHash = row.hash ?? '';
      prevSeq = seq;
      count++;
    }
  }

  const { unsealed } = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('unsealed'))
    .where('seq', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(unsealed) > 0) notes.push(`${unsealed} committed event(s) not sealed into the chain yet: not checked`);

  let anchoredSeq: number | null = null;
  if (anchors.length === 0) notes.push('no signed anchor yet: removal of the last events cannot be detected before one is written');
  else if (!options.key) notes.push('anchors not checked: no audit key here (RDPLAN_AUDIT_KEY or audit.key in the data folder)');
  const seen = new Set<string>();
  for (const { source, anchor } of options.key ? anchors : []) {
    if (!anchorSignatureValid(options.key!, anchor)) {
      problems.push({
        seq: anchor.seq,
        problem: 'anchor_forged',
        detail: `${source} naming event ${anchor.seq} does not carry a valid signature`,
      });
      continue;
    }
    anchoredSeq = Math.max(anchoredSeq ?? 0, anchor.seq);
    let p: AuditProblem | null = null;
    if (anchor.seq > prevSeq) {
      const range = anchor.seq === prevSeq + 1 ? `event ${anchor.seq} was` : `events ${prevSeq + 1}–${anchor.seq} were`;
      p = {
        seq: prevSeq + 1,
        problem: 'truncated',
        detail: `${range} removed from the end of the chain (${source}, signed ${anchor.at}, names event ${anchor.seq} as the head)`,
      };
    } else {
      const found = wanted.get(anchor.seq);
      if (found && found !== anchor.head) {
        p = {
          seq: anchor.seq,
          problem: 'rewritten',
          detail: `event ${anchor.seq} is not the one ${source} signed on ${anchor.at}: the chain was rewritten`,
        };
      }
    }
    if (p && !seen.has(`${p.problem}:${p.seq}`)) {
      seen.add(`${p.problem}:${p.seq}`);
      problems.push(p);
    }
  }
  problems.sort((a, b) => a.seq - b.seq);
  const first = problems[0];
  return {
    ok: problems.length === 0,
    events: count,
    unsealed: Number(unsealed),
    head: prevHash,
    anchoredSeq,
    problems,
    notes,
    ...(first ? { seq: first.seq, problem: first.problem, detail: first.detail } : {}),
  };
}
