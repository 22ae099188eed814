import { auditChanges, type AuditEventOut, type AuditEventQuery, type SecurityEventQuery } from '@rdplan/domain';
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { AuditEventsTable } from '../db/schema.js';

/**
 * Reading the audit trail for administrators: the audit events (hash-chained, written by audit/audit.ts
 * and never changed here) and the security events. Read-only; the chain's verification is ops/verify.ts.
 */

function like(q: string) {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function present(r: Selectable<AuditEventsTable>): AuditEventOut {
  return {
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before ?? null,
    after: r.after ?? null,
    reason: r.reason,
    changes: auditChanges(r.before, r.after),
  };
}

/** Audit events, newest first, by entity, actor, action (or an action prefix ending with a dot) and time. */
export async function listAuditEvents(db: Executor, f: AuditEventQuery): Promise<{ total: number; items: AuditEventOut[] }> {
  let q = db.selectFrom('audit_events');
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.actor) q = q.where('actor_label', 'ilike', like(f.actor));
  if (f.action)
    q = f.action.endsWith('.')
      ? q.where('action', 'like', `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      : q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', new Date(f.from));
  if (f.to) q = q.where('at', '<', new Date(f.to));
  const [total, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    q
      .selectAll()
      // Newest first by time, then chain order; an event not yet sealed (no seq) is the newest.
      .orderBy('at', 'desc')
      .orderBy(sql`seq desc nulls first`)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
  ]);
  return { total: Number(total.n), items: rows.map(present) };
}

/** Most events one history answers with (the newest are kept). */
const HISTORY_LIMIT = 500;

/** One entity's history, oldest first, each event with what it changed. */
export async function auditHistory(db: Executor, entityType: string, entityId: string) {
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('at', 'desc')
    .orderBy(sql`seq desc nulls first`)
    .limit(HISTORY_LIMIT + 1)
    .execute();
  const truncated = rows.length > HISTORY_LIMIT;
  return { entityType, entityId, truncated, items: rows.slice(0, HISTORY_LIMIT).reverse().map(present) };
}

/** The values the filters offer as lists: the actions and entity types recorded, the security event kinds. */
export async function auditFacets(db: Executor) {
  const [actions, types, kinds] = await Promise.all([
    db.selectFrom('audit_events').select('action').distinct().orderBy('action').execute(),
    db.selectFrom('audit_events').select('entity_type').distinct().orderBy('entity_type').execute(),
    db.selectFrom('security_events').select('kind').distinct().orderBy('kind').execute(),
  ]);
  return { actions: actions.map((r) => r.action), entityTypes: types.map((r) => r.entity_type), securityKinds: kinds.map((r) => r.kind) };
}

/** Security events (refused access, failed CSRF checks …), newest first, with the user's e-mail. */
export async function listSecurityEvents(db: Executor, f: SecurityEventQuery) {
  let q = db.selectFrom('security_events as s').leftJoin('users as u', 'u.id', 's.user_id');
  if (f.kind) q = q.where('s.kind', '=', f.kind);
  if (f.user) q = q.where('u.email', 'ilike', like(f.user));
  if (f.from) q = q.where('s.at', '>=', new Date(f.from));
  if (f.to) q = q.where('s.at', '<', new Date(f.to));
  const [total, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    q
      .select(['s.id', 's.at', 's.kind', 's.user_id', 'u.email', 's.method', 's.url', 's.ip', 's.details'])
      .orderBy('s.at', 'desc')
      .orderBy('s.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      userId: r.user_id,
      userEmail: r.email ?? null,
      method: r.method,
      url: r.url,
      ip: r.ip,
      details: r.details ?? null,
    })),
  };
}
