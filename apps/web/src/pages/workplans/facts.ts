/**
 * The facts the browser checks the chain's rules on, built from the server's view the same way the
 * server builds them (apps/server/src/repositories/workplans.ts), with what the user is typing laid over.
 * The server decides on save; this is live feedback only.
 */
import {
  CHAIN_PLAN_RULES,
  CONSORTIUM_PROJECT_RULES,
  runRules,
  type ChainPlanFacts,
  type ChainProjectFacts,
  type ConsortiumProjectFacts,
  type OrgMode,
  type ProjectKind,
  type RuleResult,
  type WorkplanView,
} from '@rdplan/domain';

/** A candidate as the form holds it, before it is saved. */
export interface CandidateDraft {
  /** The candidate being changed; null for a new one. */
  applicationId: string | null;
  title: string;
  kind: ProjectKind | null;
  orgMode: OrgMode | null;
  leadOrgId: string | null;
  cityFunds: number | null;
  selfFunds: number | null;
  participantOrgIds: string[];
  /** Count the draft among the in-plan projects in the plan's totals (a preview of including it). */
  previewInPlan: boolean;
}

const live = (c: { status: string }) => c.status !== 'withdrawn';

/** The in-plan projects as the chain rules count them. */
export function inPlanProjects(view: WorkplanView): ChainProjectFacts[] {
  return view.candidates
    .filter((c) => c.inPlan && live(c))
    .map((c) => ({
      id: c.applicationId,
      title: c.title,
      cityFunds: c.cityFunds,
      leadOrgId: c.leadOrgId,
      kind: c.kind,
      compared: c.compared,
    }));
}

/** CHAIN_PLAN_RULES' facts from the view; with a draft, the draft replaces (or joins) the in-plan projects. */
export function chainPlanFacts(
  view: WorkplanView,
  opts: { stage?: 'draft' | 'final'; draft?: CandidateDraft | null } = {},
): ChainPlanFacts {
  let projects = inPlanProjects(view);
  const draft = opts.draft;
  if (draft) {
    const existing = draft.applicationId ? view.candidates.find((c) => c.applicationId === draft.applicationId) : undefined;
    const counted = existing ? (existing.inPlan && live(existing)) || draft.previewInPlan : draft.previewInPlan;
    const id = draft.applicationId ?? 'draft';
    const asFacts: ChainProjectFacts = {
      id,
      title: draft.title,
      cityFunds: draft.cityFunds,
      leadOrgId: draft.leadOrgId,
      kind: draft.kind,
      compared: existing?.compared ?? false,
    };
    projects = projects.filter((p) => p.id !== id);
    if (counted) projects = [...projects, asFacts];
  }
  return {
    stage: opts.stage ?? (view.status === 'finalised' ? 'final' : 'draft'),
    projects,
    leaderGroupOrgIds: view.leaderGroup.map((g) => g.orgId),
    memberCount: view.members.length,
    expertCount: view.experts.length,
    weakPointCount: view.weakPoints.length,
  };
}

export function chainPlanResults(
  view: WorkplanView,
  opts: { stage?: 'draft' | 'final'; draft?: CandidateDraft | null } = {},
): RuleResult[] {
  return runRules<ChainPlanFacts>(CHAIN_PLAN_RULES, chainPlanFacts(view, opts), view.params, view.decisions);
}

/** CONSORTIUM_PROJECT_RULES on the draft, against the consortium's members (the leader included). */
export function draftProjectResults(view: WorkplanView, draft: CandidateDraft): RuleResult[] {
  const facts: ConsortiumProjectFacts = {
    kind: draft.kind,
    orgMode: draft.orgMode,
    cityFunds: draft.cityFunds,
    selfFunds: draft.selfFunds,
    leadOrgId: draft.leadOrgId,
    participantOrgIds: draft.participantOrgIds.filter((id) => id !== draft.leadOrgId),
    memberOrgIds: view.members.map((m) => m.orgId),
  };
  return runRules<ConsortiumProjectFacts>(CONSORTIUM_PROJECT_RULES, facts, view.params);
}

/** 3.1.g: the least self-raised funds for a city amount, in yuan. */
export function minSelfFunds(cityFunds: number | null, pct: number): number {
  return Math.ceil(((cityFunds ?? 0) * pct) / 100);
}
