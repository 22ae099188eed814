/**
 * The audit trail as administrators read it (issue 15): filters of the audit and security event lists,
 * the answers' shapes, and the before → after changes of one event, shared by server and web.
 */
import { z } from 'zod';
import { Page } from './common.js';

const Instant = z.iso.datetime({ offset: true });

export const AuditEventQuery = Page.extend({
  entityType: z.string().trim().min(1).max(60).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  /** Part of the actor's e-mail (or system label), case-insensitive. */
  actor: z.string().trim().min(1).max(200).optional(),
  actorId: z.uuid().optional(),
  /** An action (`application.submit`), or a prefix ending with a dot (`application.`). */
  action: z.string().trim().min(1).max(100).optional(),
  /** From this instant (inclusive) to that one (exclusive). */
  from: Instant.optional(),
  to: Instant.optional(),
});
export type AuditEventQuery = z.infer<typeof AuditEventQuery>;

export const SecurityEventQuery = Page.extend({
  kind: z.string().trim().min(1).max(60).optional(),
  /** Part of the user's e-mail, case-insensitive. */
  user: z.string().trim().min(1).max(200).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
});
export type SecurityEventQuery = z.infer<typeof SecurityEventQuery>;

export const AuditChangeOut = z.object({ key: z.string(), before: z.unknown(), after: z.unknown() });
export type AuditChange = z.infer<typeof AuditChangeOut>;

export const AuditEventOut = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  /** What the event changed, key by key (before → after). */
  changes: z.array(AuditChangeOut),
});
export type AuditEventOut = z.infer<typeof AuditEventOut>;

export const AuditEventListOut = z.object({ total: z.number(), items: z.array(AuditEventOut) });

export const AuditEntityHistoryOut = z.object({
  entityType: z.string(),
  entityId: z.string(),
  /** Oldest first. */
  items: z.array(AuditEventOut),
  /** True when the history is longer than the answer (the newest are kept). */
  truncated: z.boolean(),
});

export const AuditFacetsOut = z.object({
  actions: z.array(z.string()),
  entityTypes: z.array(z.string()),
  securityKinds: z.array(z.string()),
});

export const SecurityEventOut = z.object({
  id: z.number(),
  at: z.string(),
  kind: z.string(),
  userId: z.string().nullable(),
  userEmail: z.string().nullable(),
  method: z.string().nullable(),
  url: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.unknown(),
});
export const SecurityEventListOut = z.object({ total: z.number(), items: z.array(SecurityEventOut) });

export const AuditVerificationOut = z.object({
  /** False when the database has no audit log yet. */
  available: z.boolean(),
  ok: z.boolean(),
  events: z.number(),
  head: z.string(),
  anchoredSeq: z.number().nullable(),
  problemCount: z.number(),
  /** The first problems, in chain order. */
  problems: z.array(z.object({ seq: z.number(), problem: z.string(), detail: z.string() })),
  notes: z.array(z.string()),
  checkedAt: z.string(),
});
export type AuditVerificationOut = z.infer<typeof AuditVerificationOut>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What an audit event changed, key by key: the union of the keys of `before` and `after` (objects),
 * each with its two values when they differ; a key only in `after` had no value before (null). Values
 * that are not objects are one change with the key ''.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  if (before == null && after == null) return [];
  if (!isRecord(before) && !isRecord(after)) return same(before, after) ? [] : [{ key: '', before: before ?? null, after: after ?? null }];
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((k) => !same(b[k], a[k])).map((k) => ({ key: k, before: b[k] ?? null, after: a[k] ?? null }));
}
