import {
  AppError,
  evaluateApplication,
  formProblems,
  overlayForm,
  shanghaiDate,
  type ApplicantFacts,
  type ApplicationForm,
  type FormContext,
  type RuleDecision,
  type RuleResult,
  type TrackFacts,
} from '@rdplan/domain';
import type { Executor } from '../../db/database.js';
import {
  LIVE_STATES,
  listAttachments,
  listDecisions,
  listUnits,
  storedForm,
  type ApplicationRow,
  type CallContext,
} from '../../repositories/applications.js';
import { loadNationalApplicationFacts, loadNationalProjectFacts } from '../../repositories/national.js';
import { loadChainPlanFacts, loadConsortiumProjectFacts } from '../../repositories/workplans.js';

export async function loadApplicantFacts(db: Executor, orgId: string): Promise<ApplicantFacts> {
  const o = await db.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirst();
  if (!o) throw new AppError('not_found');
  return {
    orgId: o.id,
    name: o.name,
    uscc: o.uscc,
    type: o.type as ApplicantFacts['type'],
    regionCode: o.region_code,
    aboveDesignatedSize: o.above_designated_size,
    aboveDesignatedSizeYear: o.above_designated_size_year,
    hnteCertNo: o.hnte_cert_no,
    hnteValidFrom: o.hnte_valid_from,
    hnteValidTo: o.hnte_valid_to,
  };
}

/** The day the application is judged on: the submission day once submitted, else today (Asia/Shanghai). */
export function applicationDate(app: Pick<ApplicationRow, 'submitted_at'>, now: Date): string {
  return shanghaiDate(app.submitted_at ? new Date(app.submitted_at) : now);
}

/**
 * Every fact the track's rules read, from the registry, the national records, the chain's plan and the
 * call — never from the applicant's word. The form is overlaid separately (overlayForm) so that the web
 * form can run the same rules on what the user is typing.
 */
export async function gatherFacts(
  db: Executor,
  app: ApplicationRow,
  call: CallContext,
  now: Date,
  stage: 'draft' | 'final' = 'draft',
): Promise<{ facts: TrackFacts; decisions: RuleDecision[]; workplanStatus: 'draft' | 'finalised' | null }> {
  const decisions = await listDecisions(db, 'application', app.id);
  switch (app.track) {
    case 'consortium': {
      const project = await loadConsortiumProjectFacts(db, app.id);
      if (!project) throw new AppError('not_found');
      const plan = await loadChainPlanFacts(db, project.workplanId, project.workplanStatus === 'finalised' ? 'final' : stage);
      const planDecisions = await listDecisions(db, 'workplan', project.workplanId);
      return {
        facts: { track: 'consortium', project: project.facts, plan },
        decisions: [...planDecisions, ...decisions],
        workplanStatus: project.workplanStatus,
      };
    }
    case 'backfill': {
      const applicant = await loadApplicantFacts(db, app.org_id);
      const national = app.national_application_id ? await loadNationalApplicationFacts(db, app.national_application_id) : null;
      const fields = await db.selectFrom('fields').select('code').where('active', '=', true).execute();
      const others = await db
        .selectFrom('applications')
        .innerJoin('calls', 'calls.id', 'applications.call_id')
        .innerJoin('plans', 'plans.id', 'calls.plan_id')
        .select(['applications.id', 'applications.form'])
        .where('applications.org_id', '=', app.org_id)
        .where('applications.track', '=', 'backfill')
        .where('applications.id', '<>', app.id)
        .where('plans.year', '=', call.planYear)
        .where('applications.status', 'in', LIVE_STATES)
        .orderBy('applications.submitted_at')
        .execute();
      return {
        facts: {
          track: 'backfill',
          facts: {
            applicant,
            applicationYear: call.planYear,
            national,
            proposedFieldCode: null,
            proposedDirection: null,
            planFieldCodes: fields.map((f) => f.code),
            cityFunds: null,
            otherApplicationsThisYear: others.map((o) => ({ id: o.id, title: storedForm(o.form).title ?? '' })),
          },
        },
        decisions,
        workplanStatus: null,
      };
    }
    case 'continuation': {
      const applicant = await loadApplicantFacts(db, app.org_id);
      const national = app.national_project_id ? await loadNationalProjectFacts(db, app.national_project_id) : null;
      const v = app.verification as { investment: number; output: number; sales: number; jobs: number } | null;
      return {
        facts: {
          track: 'continuation',
          facts: {
            applicant,
            applicationDate: applicationDate(app, now),
            applicationYear: call.planYear,
            national,
            verification: v ?? null,
            requestedCityFunds: null,
          },
        },
        decisions,
        workplanStatus: null,
      };
    }
    case 'recognition': {
      const attachments = await listAttachments(db, app.id);
      const keys = new Set(attachments.map((a) => a.material_key));
      const hasEvidence = (kind: 'social_capital' | 'completion') => call.materials.some((m) => m.evidence === kind && keys.has(m.key));
      const recheck = app.verification as { passed: boolean } | null;
      return {
        facts: {
          track: 'recognition',
          facts: {
            applicationDate: applicationDate(app, now),
            socialCapital: null,
            cityFunds: null,
            completedOn: null,
            socialCapitalEvidence: hasEvidence('social_capital'),
            completionEvidence: hasEvidence('completion'),
            conditions: call.conditions.map((c) => ({ key: c.key, affirmed: false })),
            recheck: recheck && typeof recheck.passed === 'boolean' ? { passed: recheck.passed } : null,
          },
        },
        decisions,
        workplanStatus: null,
      };
    }
  }
}

type UnitRows = Awaited<ReturnType<typeof listUnits>>;
type AttachmentRows = Awaited<ReturnType<typeof listAttachments>>;

/** The form context and the unit and attachment rows it was built from (the view shows them too). */
async function formContextWithRows(
  db: Executor,
  app: ApplicationRow,
  call: CallContext,
): Promise<{ formContext: FormContext; units: UnitRows; attachments: AttachmentRows }> {
  const [units, attachments] = await Promise.all([listUnits(db, app.id), listAttachments(db, app.id)]);
  return { units, attachments, formContext: formContext(app, call, units, attachments) };
}

function formContext(app: ApplicationRow, call: CallContext, units: UnitRows, attachments: AttachmentRows): FormContext {
  return {
    track: app.track,
    lockedCityFunds: app.track === 'consortium' && app.city_funds !== null ? Number(app.city_funds) : null,
    lockedSelfFunds: app.track === 'consortium' && app.self_funds !== null ? Number(app.self_funds) : null,
    requiredMaterials: call.materials.filter((m) => m.required).map((m) => ({ key: m.key, zh: m.zh, en: m.en })),
    attachedMaterials: [...new Set(attachments.map((a) => a.material_key))],
    unconfirmedUnits: units.filter((u) => !u.confirmed_at).map((u) => ({ orgId: u.org_id, name: u.name })),
  };
}

export interface Evaluation {
  facts: TrackFacts;
  decisions: RuleDecision[];
  rules: RuleResult[];
  form: ApplicationForm;
  formContext: FormContext;
  workplanStatus: 'draft' | 'finalised' | null;
  /** The rows read for the form context, so that the view does not read them again. */
  units: UnitRows;
  attachments: AttachmentRows;
}

/** The application judged as it stands: the same functions the web form runs live. */
export async function evaluate(
  db: Executor,
  app: ApplicationRow,
  call: CallContext,
  now: Date,
  stage: 'draft' | 'final' = 'draft',
): Promise<Evaluation> {
  const { facts, decisions, workplanStatus } = await gatherFacts(db, app, call, now, stage);
  const form = storedForm(app.form);
  const rules = evaluateApplication(overlayForm(facts, form), call.params, decisions);
  const { formContext, units, attachments } = await formContextWithRows(db, app, call);
  return { facts, decisions, rules, form, formContext, workplanStatus, units, attachments };
}

export { formProblems };
