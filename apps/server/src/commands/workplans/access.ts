import { AppError, CHAIN_HARD_CAPS, hasAnyRole, ruleFailure, shanghaiDate, type RuleResult, type WorkplanView } from '@rdplan/domain';
import type { Actor } from '../../context.js';
import type { Executor, Tx } from '../../db/database.js';
import { AccessDenied } from '../../http/access-denied.js';
import {
  evaluateWorkplan,
  findWorkplan,
  findWorkplanForUpdate,
  leadsChain,
  workplanView,
  type WorkplanRow,
} from '../../repositories/workplans.js';

/**
 * Who sees and who edits a chain's work plan. Officers and admins read every plan, analysts the
 * finalised ones, the chain leader its own; anyone else is answered 404 (and the attempt is logged).
 * Only a chain_leader user of the leading organisation, while it leads the chain, edits the plan.
 */
export function assertMayReadWorkplan(actor: Actor, wp: WorkplanRow) {
  if (hasAnyRole(actor.roles, ['admin', 'officer'])) return;
  if (actor.roles.includes('analyst') && wp.status === 'finalised') return;
  if (actor.roles.includes('chain_leader') && actor.orgId !== null && actor.orgId === wp.leader_org_id) return;
  throw new AccessDenied('workplan', wp.id);
}

export async function assertLeaderOf(db: Executor, actor: Actor, wp: WorkplanRow) {
  if (!actor.roles.includes('chain_leader') || actor.orgId === null || actor.orgId !== wp.leader_org_id) {
    throw new AccessDenied('workplan', wp.id);
  }
  if (!(await leadsChain(db, wp.leader_org_id, wp.chain_id))) {
    throw new AppError('forbidden', [{ path: 'params.id', message: 'your unit no longer leads this chain / 本单位已不是该产业链链主' }]);
  }
}

/** The work plan, locked for the rest of the transaction; 404 when it does not exist. */
export async function lockWorkplan(tx: Tx, id: string): Promise<WorkplanRow> {
  const wp = await findWorkplanForUpdate(tx, id);
  if (!wp) throw new AppError('not_found');
  return wp;
}

export async function readWorkplan(db: Executor, id: string): Promise<WorkplanRow> {
  const wp = await findWorkplan(db, id);
  if (!wp) throw new AppError('not_found');
  return wp;
}

/** The leader's work plan, locked, for a change: it must still be a draft. */
export async function lockDraftForLeader(tx: Tx, actor: Actor, id: string, version?: number): Promise<WorkplanRow> {
  const wp = await lockWorkplan(tx, id);
  await assertLeaderOf(tx, actor, wp);
  assertDraft(wp);
  assertVersion(wp, version);
  return wp;
}

export function assertDraft(wp: WorkplanRow) {
  if (wp.status !== 'draft') {
    throw new AppError('state_conflict', [
      {
        path: 'params.id',
        message: 'the work plan is finalised; an officer must reopen it first / 工作方案已定稿，须由市科技局退回后才能修改',
      },
    ]);
  }
}

/** Optimistic concurrency: a stale version is refused so that no edit is lost silently. */
export function assertVersion(wp: WorkplanRow, version: number | undefined) {
  if (version !== undefined && version !== wp.version) {
    throw new AppError('conflict', [
      {
        path: 'body.version',
        message: `the work plan was changed by someone else (now version ${wp.version}) / 工作方案已被他人修改，请刷新后重试`,
        currentVersion: wp.version,
      },
    ]);
  }
}

/** Every change to the plan, its consortium, team or candidates moves its version on. */
export async function touchWorkplan(tx: Tx, wp: WorkplanRow, now: Date) {
  await tx
    .updateTable('workplans')
    .set({ version: wp.version + 1, updated_at: now })
    .where('id', '=', wp.id)
    .execute();
}

const HARD = new Set<string>(CHAIN_HARD_CAPS);

/**
 * Refuses the change (422 rule_failed, the transaction rolls back so nothing is stored) when it breaks
 * a hard cap: the project's own 3.1.d, 3.1.f, 3.1.g and, when the change touches the in-plan projects,
 * the chain's 3.1.b and 3.1.c (above the maximum; too few is only advice while drafting).
 */
export async function guardHardCaps(tx: Tx, workplanId: string, opts: { applicationIds?: string[]; plan: boolean }) {
  const ev = await evaluateWorkplan(tx, workplanId, 'draft');
  const results: RuleResult[] = [
    ...(opts.applicationIds ?? []).flatMap((id) => ev.projectRules.get(id) ?? []),
    ...(opts.plan ? ev.planRules : []),
  ].filter((r) => HARD.has(r.code) && r.blocking);
  if (results.length > 0) throw ruleFailed(results);
}

/** 422 rule_failed naming each failing code once, with every failing result. */
export function ruleFailed(results: readonly RuleResult[], extra: Record<string, unknown> = {}) {
  const failure = ruleFailure(results);
  return new AppError('rule_failed', { ...failure, rules: [...new Set(failure.rules)], ...extra });
}

export function viewOf(db: Executor, id: string, now: Date): Promise<WorkplanView> {
  return workplanView(db, id, shanghaiDate(now));
}
