import {
  AuditEntityHistoryOut,
  AuditEventListOut,
  AuditEventQuery,
  AuditFacetsOut,
  AuditVerificationOut,
  SecurityEventListOut,
  SecurityEventQuery,
  type Role,
} from '@rdplan/domain';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { verifyReadOnly } from '../ops/verify.js';
import { auditFacets, auditHistory, listAuditEvents, listSecurityEvents } from '../repositories/audit-log.js';
import type { RouteScope } from './helpers.js';

const ADMIN: Role[] = ['admin'];
const tags = ['audit'];
/** Problems listed in one verification answer (the count says how many there are in all). */
const PROBLEMS_SHOWN = 50;

const EntityParams = z.strictObject({ entityType: z.string().trim().min(1).max(60), entityId: z.string().trim().min(1).max(200) });

/** The audit trail for administrators: audit events, an entity's history, security events, the chain's verification. */
export async function auditRoutes(app: RouteScope, deps: Deps) {
  app.get(
    '/api/admin/audit/events',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Audit events, newest first, filtered by entity, actor, action (or a prefix ending with a dot) and time; paged',
        querystring: AuditEventQuery,
        response: { 200: AuditEventListOut },
      },
    },
    async (req) => listAuditEvents(deps.db, req.query),
  );

  app.get(
    '/api/admin/audit/entities/:entityType/:entityId',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: "One entity's history, oldest first, each event with its changes (before → after)",
        params: EntityParams,
        response: { 200: AuditEntityHistoryOut },
      },
    },
    async (req) => auditHistory(deps.db, req.params.entityType, req.params.entityId),
  );

  app.get(
    '/api/admin/audit/facets',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'The actions, entity types and security event kinds recorded (the filters’ lists)',
        response: { 200: AuditFacetsOut },
      },
    },
    async () => auditFacets(deps.db),
  );

  app.get(
    '/api/admin/audit/verification',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: "Verifies the audit chain now (read only): altered, removed or truncated events and the signed anchor's status",
        response: { 200: AuditVerificationOut },
      },
    },
    async () => {
      const checkedAt = deps.clock.now().toISOString();
      const v = await verifyReadOnly(deps.db, deps.config);
      if (!v)
        return { available: false, ok: true, events: 0, head: '', anchoredSeq: null, problemCount: 0, problems: [], notes: [], checkedAt };
      return {
        available: true,
        ok: v.ok,
        events: v.events,
        head: v.head,
        anchoredSeq: v.anchoredSeq,
        problemCount: v.problems.length,
        problems: v.problems.slice(0, PROBLEMS_SHOWN).map((p) => ({ seq: p.seq, problem: p.problem, detail: p.detail })),
        notes: v.notes,
        checkedAt,
      };
    },
  );

  app.get(
    '/api/admin/security-events',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Security events (refused access, failed CSRF checks …), newest first, by kind, user and time; paged',
        querystring: SecurityEventQuery,
        response: { 200: SecurityEventListOut },
      },
    },
    async (req) => listSecurityEvents(deps.db, req.query),
  );
}
