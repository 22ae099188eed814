import {
  AppError,
  approvalOutcome,
  DECISION_HOLD_MESSAGES,
  projectCode,
  type ApprovalDecisionInput,
  type ApprovalDecisionOut,
} from '@rdplan/domain';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import { findPlanRowForUpdate, planParams } from '../../repositories/plans.js';
import { decisionOut, nextSeq } from '../../repositories/projects.js';
import { formOf } from '../../repositories/review.js';
import { str } from '../../repositories/review-selection.js';
import { decisionHoldFor } from '../notices/guard.js';
import { assertOfficer } from '../notices/publish.js';
import { inTransaction } from '../transaction.js';
import { mailProjectDecided } from '../notices/unit-mail.js';

const ZH = new Intl.Collator('zh-Hans-CN');

interface TeamRow {
  name: string;
  role: string;
  title: string;
  orgName: string;
  duty: string;
}

function teamOf(form: Record<string, unknown>): TeamRow[] {
  const team = Array.isArray(form.team) ? (form.team as Record<string, unknown>[]) : [];
  return team.map((m) => ({ name: str(m.name), role: str(m.role), title: str(m.title), orgName: str(m.orgName), duty: str(m.duty) }));
}

function budgetOf(form: Record<string, unknown>) {
  const rows = Array.isArray(form.budget) ? (form.budget as Record<string, unknown>[]) : [];
  const sum = (k: string) => rows.reduce((s, r) => s + (Number.isFinite(Number(r[k])) ? Number(r[k]) : 0), 0);
  return { self: sum('self'), other: sum('other') };
}

function periodOf(form: Record<string, unknown>) {
  const rows = Array.isArray(form.schedule) ? (form.schedule as Record<string, unknown>[]) : [];
  const froms = rows
    .map((r) => str(r.from))
    .filter(Boolean)
    .sort();
  const tos = rows
    .map((r) => str(r.to))
    .filter(Boolean)
    .sort();
  return { from: froms[0] ?? null, to: tos[tos.length - 1] ?? null };
}

function kpisOf(form: Record<string, unknown>) {
  const rows = Array.isArray(form.kpis) ? (form.kpis as Record<string, unknown>[]) : [];
  return rows.map((k) => ({ indicator: str(k.indicator), target: str(k.target), measure: str(k.measure) }));
}

/**
 * An officer approves projects in one batch decision with its reference number (文号): each application
 * must have been on a notice that has ended, with no open objection and not taken off the list (4.3.b),
 * and be in its track's approvable state with the amount its rule sets (3.1.d, 3.2.h, 3.3.e; 3.4.a/b
 * recognised with no city funds). All or nothing: any refusal answers 409 listing every application and why.
 */
export async function approveProjects(deps: Deps, actor: Actor, input: ApprovalDecisionInput): Promise<ApprovalDecisionOut> {
  assertOfficer(actor);
  return inTransaction(deps, async (tx, now) => {
    const plan = await findPlanRowForUpdate(tx, input.planId);
    if (!plan) throw new AppError('not_found', { entity: 'plan', id: input.planId });
    const params = planParams(plan);
    const taken = await tx.selectFrom('approval_decisions').select('id').where('doc_number', '=', input.docNumber).executeTakeFirst();
    if (taken)
      throw new AppError('validation_failed', [
        { path: 'body.docNumber', message: 'this reference number is already used / 该文号已被使用' },
      ]);
    const ids = [...new Set(input.applicationIds)];
    const apps = await tx
      .selectFrom('applications as a')
      .innerJoin('calls as c', 'c.id', 'a.call_id')
      .innerJoin('organisations as o', 'o.id', 'a.org_id')
      .leftJoin('projects as p', 'p.application_id', 'a.id')
      .select([
        'a.id',
        'a.track',
        'a.status',
        'a.city_funds',
        'a.amount',
        'a.self_funds',
        'a.form',
        'a.org_id',
        'c.plan_id',
        'o.name as org_name',
        'p.code',
      ])
      .where('a.id', 'in', ids)
      .forUpdate('a')
      .execute();
    const byId = new Map(apps.map((a) => [a.id, a]));
    const refusals: { applicationId: string; reason: string; rule: string | null; message: string }[] = [];
    const approved: { app: (typeof apps)[number]; outcome: Extract<ReturnType<typeof approvalOutcome>, { ok: true }> }[] = [];
    for (const id of ids) {
      const app = byId.get(id);
      if (!app || app.plan_id !== input.planId) {
        refusals.push({
          applicationId: id,
          reason: 'not_in_plan',
          rule: null,
          message: 'not an application of this plan / 不是本年度计划的申报',
        });
        continue;
      }
      if (app.code) {
        refusals.push({
          applicationId: id,
          reason: 'already_approved',
          rule: null,
          message: `already project ${app.code} / 已立项（${app.code}）`,
        });
        continue;
      }
      const hold = await decisionHoldFor(tx, id, deps.clock.now(), { requireEnded: true, lock: true });
      if (hold) {
        const m = DECISION_HOLD_MESSAGES[hold.reason];
        refusals.push({ applicationId: id, reason: hold.reason, rule: '4.3.b', message: `${m.en} / ${m.zh}` });
        continue;
      }
      const outcome = approvalOutcome({ track: app.track, status: app.status, cityFunds: app.city_funds, amount: app.amount }, params);
      if (!outcome.ok) {
        refusals.push({
          applicationId: id,
          reason: outcome.reason,
          rule: outcome.rule,
          message: `${outcome.message.en} / ${outcome.message.zh}`,
        });
        continue;
      }
      approved.push({ app, outcome });
    }
    if (refusals.length > 0)
      throw new AppError('state_conflict', {
        reason: 'not_approvable',
        message: 'some applications cannot be approved now / 部分申报当前不能立项',
        refusals,
      });
    const decision = await tx
      .insertInto('approval_decisions')
      .values({
        plan_id: input.planId,
        doc_number: input.docNumber,
        title: input.title ?? `关于下达${plan.year}年度广州市重点领域研发计划项目的通知`,
        reason: input.reason ?? null,
        decided_by: actor.userId,
        decided_by_label: actor.label,
        decided_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // Stable codes in a stable order: by track, then unit name in Chinese (pinyin) order, then id.
    approved.sort(
      (a, b) => a.app.track.localeCompare(b.app.track) || ZH.compare(a.app.org_name, b.app.org_name) || a.app.id.localeCompare(b.app.id),
    );
    for (const { app, outcome } of approved) {
      const form = formOf(app.form);
      const seq = await nextSeq(tx, plan.year, app.track);
      const code = projectCode(plan.year, app.track, seq);
      const team = teamOf(form);
      const leader = team.find((m) => m.role === 'leader');
      const budget = budgetOf(form);
      const amounts = { city: outcome.cityFunds, self: app.self_funds ?? budget.self, other: budget.other };
      const project = await tx
        .insertInto('projects')
        .values({
          code,
          application_id: app.id,
          decision_id: decision.id,
          plan_id: input.planId,
          year: plan.year,
          track: app.track,
          seq,
          kind: outcome.kind,
          org_id: app.org_id,
          org_name: app.org_name,
          title: str(form.title),
          leader: leader ? JSON.stringify({ name: leader.name, title: leader.title }) : null,
          team: JSON.stringify(team),
          amounts: JSON.stringify(amounts),
          period_from: periodOf(form).from,
          period_to: periodOf(form).to,
          kpis: JSON.stringify(kpisOf(form)),
          rules: outcome.rules,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await mailProjectDecided(tx, app.org_id, {
        title: str(form.title),
        code,
        docNumber: input.docNumber,
        decisionTitle: decision.title,
        kind: outcome.kind,
        cityFunds: outcome.cityFunds,
      });
      await appendAudit(tx, actor, now, {
        action: outcome.kind === 'approved' ? 'project.approve' : 'project.recognise',
        entityType: 'project',
        entityId: project.id,
        after: { code, applicationId: app.id, decisionId: decision.id, docNumber: input.docNumber, amounts, rules: outcome.rules },
      });
    }
    await appendAudit(tx, actor, now, {
      action: 'approval.decide',
      entityType: 'approval_decision',
      entityId: decision.id,
      after: { planId: input.planId, docNumber: input.docNumber, title: decision.title, applications: approved.map((a) => a.app.id) },
      reason: input.reason ?? null,
    });
    return decisionOut(tx, decision);
  });
}
