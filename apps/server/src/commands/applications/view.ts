import {
  allowedEvents,
  formProblems,
  hasAnyRole,
  isEditable,
  ORG_MODE_LABELS,
  PROJECT_KIND_LABELS,
  type ApplicationState,
  type ApplicationProject,
  type ApplicationView,
  type Role,
} from '@rdplan/domain';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { AccessDenied } from '../../http/access-denied.js';
import {
  findApplication,
  findApplicationForUpdate,
  listChecks,
  loadCallContext,
  type ApplicationRow,
  type CallContext,
} from '../../repositories/applications.js';
import { callState } from '../../repositories/calls.js';
import { json } from '../../repositories/review.js';
import { evaluate, loadApplicantFacts, type Evaluation } from './facts.js';

export type Relation = 'staff' | 'applicant' | 'participant' | 'chain_leader';

const UNIT_ROLES: readonly Role[] = ['unit_admin', 'unit_member', 'chain_leader'];

/** How the actor stands to the application; anyone else gets 404 (and the attempt is logged). */
export async function relationTo(db: Executor, actor: Actor, app: ApplicationRow): Promise<Relation> {
  if (hasAnyRole(actor.roles, ['admin', 'officer'])) return 'staff';
  if (actor.orgId && hasAnyRole(actor.roles, UNIT_ROLES)) {
    if (actor.orgId === app.org_id) return 'applicant';
    const unit = await db
      .selectFrom('application_units')
      .select('org_id')
      .where('application_id', '=', app.id)
      .where('org_id', '=', actor.orgId)
      .executeTakeFirst();
    if (unit) return 'participant';
    if (app.workplan_id && actor.roles.includes('chain_leader')) {
      const wp = await db.selectFrom('workplans').select('leader_org_id').where('id', '=', app.workplan_id).executeTakeFirst();
      if (wp?.leader_org_id === actor.orgId) return 'chain_leader';
    }
  }
  throw new AccessDenied('application', app.id);
}

export async function loadForActor(db: Executor, actor: Actor, id: string, options: { lock?: boolean } = {}) {
  // lock: the row is read FOR UPDATE (concurrent changes of the same application wait for this one).
  const app = await (options.lock ? findApplicationForUpdate(db, id) : findApplication(db, id));
  if (!app) throw new AccessDenied('application', id);
  const relation = await relationTo(db, actor, app);
  const call = await loadCallContext(db, app.call_id);
  if (!call) throw new AccessDenied('application', id);
  return { app, relation, call };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The typed fields per track (what the applicant writes), for the "fill in less" figures. */
const TYPED: Record<ApplicationRow['track'], string[]> = {
  consortium: ['fieldCode', 'direction', 'objectives', 'content', 'kpis', 'schedule', 'team', 'budget', 'attachments'],
  backfill: ['title', 'fieldCode', 'direction', 'objectives', 'content', 'kpis', 'schedule', 'team', 'budget', 'units', 'attachments'],
  continuation: [
    'title',
    'fieldCode',
    'direction',
    'objectives',
    'content',
    'kpis',
    'schedule',
    'team',
    'budget',
    'implementationPlan',
    'plannedInvestment',
    'units',
    'attachments',
  ],
  recognition: [
    'title',
    'fieldCode',
    'direction',
    'objectives',
    'content',
    'kpis',
    'schedule',
    'team',
    'budget',
    'socialCapital',
    'completedOn',
    'conditionsAffirmed',
    'units',
    'attachments',
  ],
};

function lockedFacts(app: ApplicationRow, call: CallContext, ev: Evaluation): ApplicationView['locked'] {
  const out: ApplicationView['locked'] = [];
  const f = ev.facts;
  switch (f.track) {
    case 'consortium': {
      const p = f.project;
      out.push(
        { key: 'title', label: { zh: '项目名称', en: 'Project title' }, value: ev.form.title ?? '', source: 'chain_plan' },
        {
          key: 'kind',
          label: { zh: '项目类型（3.1.e）', en: 'Kind (3.1.e)' },
          value: p.kind ? PROJECT_KIND_LABELS[p.kind].zh : null,
          source: 'chain_plan',
        },
        {
          key: 'orgMode',
          label: { zh: '组织方式（4.1.e）', en: 'Organisation mode (4.1.e)' },
          value: p.orgMode ? ORG_MODE_LABELS[p.orgMode].zh : null,
          source: 'chain_plan',
        },
        { key: 'cityFunds', label: { zh: '市财政经费（3.1.d）', en: 'City funds (3.1.d)' }, value: p.cityFunds, source: 'chain_plan' },
        { key: 'selfFunds', label: { zh: '自筹经费（3.1.g）', en: 'Self-raised funds (3.1.g)' }, value: p.selfFunds, source: 'chain_plan' },
        {
          key: 'members',
          label: { zh: '联合体成员数（3.1.f）', en: 'Consortium members (3.1.f)' },
          value: p.memberOrgIds.length,
          source: 'chain_plan',
        },
      );
      break;
    }
    case 'backfill': {
      const n = f.facts.national;
      if (n) {
        out.push(
          {
            key: 'national.nationalId',
            label: { zh: '国家申报编号', en: 'National application' },
            value: n.nationalId,
            source: 'national',
          },
          { key: 'national.year', label: { zh: '申报年度（3.2.b）', en: 'Year (3.2.b)' }, value: n.year, source: 'national' },
          { key: 'national.programme', label: { zh: '重点专项', en: 'Special programme' }, value: n.programme, source: 'national' },
          {
            key: 'national.direction',
            label: { zh: '原指南方向（3.2.e）', en: 'Original direction (3.2.e)' },
            value: n.direction,
            source: 'national',
          },
          {
            key: 'national.fieldCode',
            label: { zh: '原领域（3.2.e）', en: 'Original field (3.2.e)' },
            value: n.fieldCode,
            source: 'national',
          },
          {
            key: 'national.leadName',
            label: { zh: '第一申报单位（3.2.b）', en: 'First applicant (3.2.b)' },
            value: n.leadName,
            source: 'national',
          },
          {
            key: 'national.stage',
            label: { zh: '最后到达环节（3.2.c）', en: 'Last stage reached (3.2.c)' },
            value: n.stage,
            source: 'national',
          },
          {
            key: 'national.outcome',
            label: { zh: '国家立项结果（3.2.d）', en: 'National outcome (3.2.d)' },
            value: n.outcome,
            source: 'national',
          },
        );
      }
      out.push({
        key: 'cityFunds',
        label: { zh: '定额支持（3.2.h）', en: 'Fixed amount (3.2.h)' },
        value: call.params.backfillAmount,
        source: 'call',
      });
      break;
    }
    case 'continuation': {
      const n = f.facts.national;
      if (n) {
        out.push(
          { key: 'national.nationalId', label: { zh: '国家项目编号', en: 'National project' }, value: n.nationalId, source: 'national' },
          {
            key: 'national.title',
            label: { zh: '国家项目名称（3.3.b）', en: 'National project (3.3.b)' },
            value: n.title,
            source: 'national',
          },
          {
            key: 'national.leadName',
            label: { zh: '第一承担单位（3.3.d）', en: 'First undertaker (3.3.d)' },
            value: n.leadName,
            source: 'national',
          },
          {
            key: 'national.leadType',
            label: { zh: '承担单位类型（3.3.d）', en: 'Undertaker type (3.3.d)' },
            value: n.leadType,
            source: 'national',
          },
          {
            key: 'national.leadRegionCode',
            label: { zh: '承担单位所在地（3.3.d）', en: 'Undertaker region (3.3.d)' },
            value: n.leadRegionCode,
            source: 'national',
          },
          {
            key: 'national.acceptanceDate',
            label: { zh: '验收日期（3.3.c）', en: 'Accepted on (3.3.c)' },
            value: n.acceptanceDate,
            source: 'national',
          },
          {
            key: 'national.acceptanceResult',
            label: { zh: '验收结论（3.3.c）', en: 'Acceptance (3.3.c)' },
            value: n.acceptanceResult,
            source: 'national',
          },
        );
      }
      break;
    }
    case 'recognition':
      out.push({ key: 'cityFunds', label: { zh: '市财政经费（3.4.b）', en: 'City funds (3.4.b)' }, value: 0, source: 'call' });
      break;
  }
  return out;
}

const REGISTRY_FIELDS = [
  'applicant.name',
  'applicant.uscc',
  'applicant.type',
  'applicant.regionCode',
  'applicant.aboveDesignatedSize',
  'applicant.aboveDesignatedSizeYear',
  'applicant.hnteCertNo',
  'applicant.hnteValidity',
];

/** The whole application as the actor may see it, with the rules judged now. */
export async function buildView(
  db: Executor,
  actor: Actor,
  app: ApplicationRow,
  call: CallContext,
  relation: Relation,
  now: Date,
  /** An evaluation of this very row made in the same transaction (submission judges it before storing). */
  evaluated?: Evaluation,
): Promise<ApplicationView> {
  const ev = evaluated ?? (await evaluate(db, app, call, now));
  const { units, attachments } = ev;
  // The registry facts the rules read are the applicant's block of the view (read once); a draft never
  // submitted (round 0) has no formal checks.
  const registry = ev.facts.track === 'backfill' || ev.facts.track === 'continuation' ? ev.facts.facts.applicant : null;
  const [checks, applicant, project] = await Promise.all([
    app.status === 'draft' && app.round === 0 ? [] : listChecks(db, app.id),
    registry ?? loadApplicantFacts(db, app.org_id),
    projectOf(db, app.id),
  ]);
  const isApplicant = relation === 'applicant';
  const staff = !isApplicant && actor.roles.some((r) => r === 'officer' || r === 'admin');
  const status = app.status as ApplicationState;
  const locked = lockedFacts(app, call, ev);
  return {
    id: app.id,
    track: app.track,
    status,
    version: app.version,
    round: app.round,
    createdAt: new Date(app.created_at).toISOString(),
    updatedAt: new Date(app.updated_at).toISOString(),
    submittedAt: iso(app.submitted_at),
    call: {
      id: call.id,
      titleZh: call.titleZh,
      titleEn: call.titleEn,
      state: callState(call.opensAt, call.closesAt, now),
      opensAt: call.opensAt.toISOString(),
      closesAt: call.closesAt.toISOString(),
      planYear: call.planYear,
      conditions: call.conditions,
      materials: call.materials,
      checklist: call.checklist,
    },
    applicant: {
      orgId: applicant.orgId,
      name: applicant.name,
      uscc: applicant.uscc,
      type: applicant.type,
      regionCode: applicant.regionCode,
      aboveDesignatedSize: applicant.aboveDesignatedSize,
      aboveDesignatedSizeYear: applicant.aboveDesignatedSizeYear,
      hnteCertNo: applicant.hnteCertNo,
      hnteValidFrom: applicant.hnteValidFrom,
      hnteValidTo: applicant.hnteValidTo,
    },
    locked,
    prefilledFields: [...REGISTRY_FIELDS, ...locked.map((l) => l.key)],
    typedFields: TYPED[app.track],
    nationalApplicationId: app.national_application_id,
    nationalProjectId: app.national_project_id,
    workplanId: app.workplan_id,
    form: ev.form,
    units: units.map((u) => ({
      orgId: u.org_id,
      name: u.name,
      uscc: u.uscc,
      role: u.role,
      confirmedAt: iso(u.confirmed_at),
      declinedAt: iso(u.declined_at),
      declineReason: u.decline_reason,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      materialKey: a.material_key,
      filename: a.filename,
      size: Number(a.size),
      sha256: a.blob_sha256,
      uploadedAt: new Date(a.uploaded_at).toISOString(),
      // Officers are warned of JavaScript / launch actions in a PDF; the applicant just sees it uploaded.
      ...(staff ? { activeContent: a.active_content } : {}),
    })),
    facts: ev.facts,
    params: call.params,
    decisions: ev.decisions,
    rules: ev.rules,
    problems: formProblems(ev.form, ev.formContext),
    formContext: ev.formContext,
    allowedEvents: allowedEvents(status, app.track, actor.roles, isApplicant),
    isApplicant,
    canEdit: isApplicant && isEditable(status),
    checks: checks.map((c) => ({
      round: c.round,
      decision: c.decision,
      checklist: (c.checklist as { key: string; ok: boolean; note: string }[]) ?? [],
      comment: c.comment,
      officer: c.officer_label,
      at: new Date(c.at).toISOString(),
    })),
    verification: app.track === 'continuation' ? (app.verification as ApplicationView['verification']) : null,
    amount: app.amount === null ? null : Number(app.amount),
    project,
  };
}

/** The project the application became (issue 11), with its decision's 文号; null before approval. */
async function projectOf(db: Executor, applicationId: string): Promise<ApplicationProject | null> {
  const row = await db
    .selectFrom('projects as p')
    .innerJoin('approval_decisions as d', 'd.id', 'p.decision_id')
    .select(['p.code', 'p.kind', 'p.amounts', 'd.doc_number', 'd.title', 'd.decided_at'])
    .where('p.application_id', '=', applicationId)
    .executeTakeFirst();
  if (!row) return null;
  const amounts = json<{ city: number }>(row.amounts, { city: 0 });
  return {
    code: row.code,
    kind: row.kind,
    docNumber: row.doc_number,
    decisionTitle: row.title,
    approvedAmount: Number(amounts.city),
    approvedAt: new Date(row.decided_at).toISOString(),
  };
}

export async function viewById(db: Executor, actor: Actor, id: string, now: Date): Promise<ApplicationView> {
  const { app, relation, call } = await loadForActor(db, actor, id);
  return buildView(db, actor, app, call, relation, now);
}
