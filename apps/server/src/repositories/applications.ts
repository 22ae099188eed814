import {
  ApplicationForm,
  PlanParams,
  type ApplicationState,
  type ApplicationSummary,
  type RuleDecision,
  type RuleCode,
  type Track,
} from '@rdplan/domain';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { planParams } from './plans.js';

export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

export function findApplication(db: Executor, id: string) {
  return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findApplicationForUpdate(db: Executor, id: string) {
  return db.selectFrom('applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface CallMaterial {
  key: string;
  zh: string;
  en: string;
  required: boolean;
  maxMb: number;
  evidence: 'social_capital' | 'completion' | null;
}
export interface CallItem {
  key: string;
  zh: string;
  en: string;
}

export interface CallContext {
  id: string;
  planId: string;
  planYear: number;
  planStatus: 'draft' | 'published';
  track: Track;
  status: 'draft' | 'published' | 'cancelled';
  titleZh: string;
  titleEn: string;
  opensAt: Date;
  closesAt: Date;
  conditions: CallItem[];
  materials: CallMaterial[];
  checklist: CallItem[];
  params: PlanParams;
}

function items(value: unknown): CallItem[] {
  return (Array.isArray(value) ? value : []).map((raw) => {
    const v = raw as Partial<CallItem>;
    return { key: String(v.key ?? ''), zh: String(v.zh ?? ''), en: String(v.en ?? '') };
  });
}

/** The call with its plan's parameters, as the application code needs it. */
export async function loadCallContext(db: Executor, callId: string): Promise<CallContext | null> {
  const row = await db
    .selectFrom('calls')
    .innerJoin('plans', 'plans.id', 'calls.plan_id')
    .select([
      'calls.id',
      'calls.plan_id',
      'calls.track',
      'calls.status',
      'calls.title_zh',
      'calls.title_en',
      'calls.opens_at',
      'calls.closes_at',
      'calls.conditions',
      'calls.materials',
      'calls.checklist',
      'plans.year',
      'plans.params',
      'plans.status as plan_status',
    ])
    .where('calls.id', '=', callId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    planId: row.plan_id,
    planYear: row.year,
    planStatus: row.plan_status,
    track: row.track,
    status: row.status,
    titleZh: row.title_zh,
    titleEn: row.title_en,
    opensAt: new Date(row.opens_at),
    closesAt: new Date(row.closes_at),
    conditions: items(row.conditions),
    checklist: items(row.checklist),
    materials: (Array.isArray(row.materials) ? row.materials : []).map((raw) => {
      const m = raw as Partial<CallMaterial>;
      return {
        key: String(m.key ?? ''),
        zh: String(m.zh ?? ''),
        en: String(m.en ?? ''),
        required: m.required ?? false,
        maxMb: typeof m.maxMb === 'number' ? m.maxMb : 20,
        evidence: m.evidence === 'social_capital' || m.evidence === 'completion' ? m.evidence : null,
      };
    }),
    params: planParams(row),
  };
}

/** The stored form, read leniently: a key the schema no longer knows is dropped rather than failing the page. */
export function storedForm(value: unknown): ApplicationForm {
  const parsed = ApplicationForm.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const out: Record<string, unknown> = {};
  const shape = ApplicationForm.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
  for (const [key, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    const field = shape[key];
    const r = field?.safeParse(v);
    if (r?.success) out[key] = r.data;
  }
  return out as ApplicationForm;
}

export async function listDecisions(db: Executor, subjectType: 'application' | 'workplan', subjectId: string): Promise<RuleDecision[]> {
  const rows = await db
    .selectFrom('rule_decisions')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('decided_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    code: r.rule_code as RuleCode,
    kind: r.kind,
    reason: r.reason,
    by: r.decided_by_label,
    at: new Date(r.decided_at).toISOString(),
  }));
}

export function listUnits(db: Executor, applicationId: string) {
  return db
    .selectFrom('application_units')
    .innerJoin('organisations', 'organisations.id', 'application_units.org_id')
    .select([
      'application_units.org_id',
      'application_units.role',
      'application_units.position',
      'application_units.confirmed_at',
      'application_units.declined_at',
      'application_units.decline_reason',
      'organisations.name',
      'organisations.uscc',
    ])
    .where('application_units.application_id', '=', applicationId)
    .orderBy('application_units.position')
    .orderBy('organisations.name')
    .execute();
}

export function listAttachments(db: Executor, applicationId: string) {
  return db
    .selectFrom('application_attachments')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

export function listChecks(db: Executor, applicationId: string) {
  return db.selectFrom('formal_checks').selectAll().where('application_id', '=', applicationId).orderBy('at').orderBy('id').execute();
}

/** Statuses that count as a live application of the unit (3.2.i): drafts, withdrawn and rejected ones do not. */
export const LIVE_STATES: ApplicationState[] = ['submitted', 'returned', 'formal_passed', 'rechecked', 'verified'];

export interface ApplicationListFilter {
  page: number;
  pageSize: number;
  callId?: string | undefined;
  track?: Track | undefined;
  status?: ApplicationState | undefined;
  fieldCode?: string | undefined;
  /** Only these organisations' own applications. */
  orgId?: string | undefined;
  /** Only applications in which this organisation is a participating unit. */
  participantOrgId?: string | undefined;
}

export async function listApplications(db: Executor, f: ApplicationListFilter): Promise<{ total: number; items: ApplicationSummary[] }> {
  let q = db
    .selectFrom('applications')
    .innerJoin('organisations', 'organisations.id', 'applications.org_id')
    .innerJoin('calls', 'calls.id', 'applications.call_id');
  if (f.participantOrgId) {
    q = q.innerJoin('application_units as me', (j) =>
      j.onRef('me.application_id', '=', 'applications.id').on('me.org_id', '=', f.participantOrgId!),
    );
  }
  let filtered = q;
  if (f.callId) filtered = filtered.where('applications.call_id', '=', f.callId);
  if (f.track) filtered = filtered.where('applications.track', '=', f.track);
  if (f.status) filtered = filtered.where('applications.status', '=', f.status);
  if (f.orgId) filtered = filtered.where('applications.org_id', '=', f.orgId);
  if (f.fieldCode) {
    const code = f.fieldCode;
    filtered = filtered.where((eb) =>
      eb.or([
        eb(sql<string>`applications.form->>'fieldCode'`, '=', code),
        eb(sql<string>`applications.form->>'fieldCode'`, 'like', `${code}.%`),
      ]),
    );
  }
  const total = await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await filtered
    .select([
      'applications.id',
      'applications.track',
      'applications.status',
      'applications.org_id',
      'applications.call_id',
      'applications.form',
      'applications.city_funds',
      'applications.submitted_at',
      'applications.updated_at',
      'applications.round',
      'organisations.name as org_name',
      'calls.title_zh',
    ])
    .$if(Boolean(f.participantOrgId), (qb) =>
      qb.select(
        sql<string>`case when me.confirmed_at is not null then 'confirmed' when me.declined_at is not null then 'declined' else 'pending' end`.as(
          'participation',
        ),
      ),
    )
    .orderBy('applications.updated_at', 'desc')
    .orderBy('applications.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => {
      const form = storedForm(r.form);
      const participation = (r as { participation?: string }).participation;
      return {
        id: r.id,
        track: r.track,
        status: r.status,
        title: form.title ?? '',
        orgId: r.org_id,
        orgName: r.org_name,
        callId: r.call_id,
        callTitleZh: r.title_zh,
        fieldCode: form.fieldCode ?? null,
        cityFunds: r.city_funds === null ? null : Number(r.city_funds),
        submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
        updatedAt: new Date(r.updated_at).toISOString(),
        round: r.round,
        participation: participation === 'confirmed' || participation === 'declined' || participation === 'pending' ? participation : null,
      };
    }),
  };
}
