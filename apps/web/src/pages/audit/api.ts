/** Typed wrappers for the audit endpoints (routes/audit.ts). */
import type { AuditChange, AuditEventOut, AuditVerificationOut } from '@rdplan/domain';
import { api } from '../../api/client';

export type { AuditChange, AuditEventOut };

export interface SecurityEventView {
  id: number;
  at: string;
  kind: string;
  userId: string | null;
  userEmail: string | null;
  method: string | null;
  url: string | null;
  ip: string | null;
  details: unknown;
}

export type AuditFilter = {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export type SecurityFilter = {
  kind?: string | undefined;
  user?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export const auditApi = {
  events: (q: AuditFilter & { page: number; pageSize: number }) =>
    api.get<{ total: number; items: AuditEventOut[] }>('/api/admin/audit/events', q),
  history: (entityType: string, entityId: string) =>
    api.get<{ entityType: string; entityId: string; items: AuditEventOut[]; truncated: boolean }>(
      `/api/admin/audit/entities/${encodeURIComponent(entityType)}/${encodeURIComponent(entityId)}`,
    ),
  facets: () => api.get<{ actions: string[]; entityTypes: string[]; securityKinds: string[] }>('/api/admin/audit/facets'),
  verification: () => api.get<AuditVerificationOut>('/api/admin/audit/verification'),
  security: (q: SecurityFilter & { page: number; pageSize: number }) =>
    api.get<{ total: number; items: SecurityEventView[] }>('/api/admin/security-events', q),
};
