import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../context.js';
import type { Executor, Tx } from '../db/database.js';

/**
 * The audit log: every state change appends one event in the same transaction as the change.
 * Events form a hash chain (each hash covers the event and the previous hash), so altering or removing
 * a row breaks verification from that row on.
 */

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK = 7_426_001;

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

/** Appends one event; must run inside the transaction of the change it records. */
export async function appendAudit(tx: Tx, actor: Actor, at: Date, input: AuditInput): Promise<number> {
  // One writer at a time extends the chain; the lock is released when the transaction ends.
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const last = await tx.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const before = input.before === undefined ? null : JSON.parse(canonicalJson(input.before));
  const after = input.after === undefined ? null : JSON.parse(canonicalJson(input.after));
  const fields: HashedFields = {
    seq: (last?.seq ?? 0) + 1,
    // Microseconds are not kept by JavaScript dates; store what is hashed.
    at: new Date(at.getTime()),
    actor_id: actor.userId,
    actor_label: actor.label,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId,
    before,
    after,
    reason: input.reason ?? null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await tx
    .insertInto('audit_events')
    .values({
      ...fields,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      hash: eventHash(fields),
    })
    .execute();
  return fields.seq;
}

export type AuditVerdict =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; seq: number; problem: 'altered' | 'removed' | 'relinked'; detail: string };

/** Walks the whole chain in order and names the first row that was altered or removed. */
export async function verifyAudit(db: Executor, pageSize = 5000): Promise<AuditVerdict> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
    if (rows.length === 0) return { ok: true, events: count, head: prevHash };
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return {
          ok: false,
          events: count,
          seq: expectedSeq,
          problem: 'removed',
          detail: `event ${expectedSeq} is missing (next present is ${seq})`,
        };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, events: count, seq, problem: 'relinked', detail: `event ${seq} does not link to event ${seq - 1}` };
      }
      const recomputed = eventHash({ ...row, seq, before: row.before, after: row.after });
      if (recomputed !== row.hash) {
        return { ok: false, events: count, seq, problem: 'altered', detail: `event ${seq} was altered after it was written` };
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      count++;
    }
  }
}
