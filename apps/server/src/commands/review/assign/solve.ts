import { AppError, solveAssignment, verifyAssignmentCertificate, type AssignmentInstance, type AssignmentRunOut } from '@rdplan/domain';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import type { Tx } from '../../../db/database.js';
import { affinityTable, expertUsable, reviewCap, type AssignmentRow, type ReviewData } from '../../../repositories/review.js';
import { inTransaction } from '../../transaction.js';
import { assertRole, assertStatus, requireReviewData } from './shared.js';

/** Rows the solver keeps: submitted, declared without conflict, or placed by hand. */
export function isFixed(a: AssignmentRow): boolean {
  if (a.status === 'declined') return false;
  return a.status === 'submitted' || a.declaration === 'no_conflict' || a.source === 'manual';
}

/**
 * The optimal assignment over all eligible pairs (docs/review.md): conflicted pairs, unavailable experts and
 * experts without capacity are not eligible; the cap is the load cap less the expert's assignments in other
 * open reviews. Kept rows (isFixed) stay and count; the other 'assigned' solver and random rows are replaced.
 * Allowed in setup and, to refill after declared conflicts, in scoring; never once closed.
 * The run is stored on the review; an infeasible run is stored too, then answered with 422.
 */
export async function solveReview(deps: Deps, actor: Actor, reviewId: string, reason: string | undefined): Promise<AssignmentRunOut> {
  assertRole(actor, ['officer']);
  const run = await inTransaction(deps, async (tx, now) => {
    const data = await requireReviewData(tx, reviewId, now, true);
    assertStatus(data.head, ['setup', 'scoring'], 'solve');
    return runSolver(tx, actor, data, now, reason);
  });
  if (run.status === 'infeasible') throw new AppError('assignment_infeasible', run);
  return run;
}

async function runSolver(tx: Tx, actor: Actor, data: ReviewData, now: Date, reason: string | undefined): Promise<AssignmentRunOut> {
  const started = performance.now();
  const { settings } = data.head;
  const k = settings.expertsPerApplication;
  const fixed = data.assignments.filter(isFixed);
  const replaceable = data.assignments.filter((a) => a.status === 'assigned' && !isFixed(a));
  /** Pairs with a row the solver may not create again (kept or declined). */
  const replaceableIds = new Set(replaceable.map((a) => a.id));
  const taken = new Map<string, Set<string>>();
  for (const a of data.assignments) {
    if (replaceableIds.has(a.id)) continue;
    const s = taken.get(a.applicationId) ?? new Set<string>();
    s.add(a.personId);
    taken.set(a.applicationId, s);
  }
  const fixedPerApp = new Map<string, number>();
  const fixedLoad = new Map<string, number>();
  const unitOf = new Map(data.experts.map((e) => [e.personId, e.unit]));
  const fixedUnits = new Map<string, Set<string>>();
  let fixedAffinity = 0;
  for (const a of fixed) {
    fixedPerApp.set(a.applicationId, (fixedPerApp.get(a.applicationId) ?? 0) + 1);
    fixedLoad.set(a.personId, (fixedLoad.get(a.personId) ?? 0) + 1);
    const units = fixedUnits.get(a.applicationId) ?? new Set<string>();
    units.add(unitOf.get(a.personId) ?? `person:${a.personId}`);
    fixedUnits.set(a.applicationId, units);
    fixedAffinity += a.affinity;
  }

  const experts = data.experts
    .filter((e) => expertUsable(data, e))
    .map((e) => ({ e, cap: Math.max(0, reviewCap(e) - (fixedLoad.get(e.personId) ?? 0)) }))
    .filter((x) => x.cap > 0);
  const apps = data.applications.map((a) => ({ a, k: Math.max(0, k - (fixedPerApp.get(a.id) ?? 0)) }));
  const aff = affinityTable(
    apps.map((x) => x.a),
    experts.map((x) => x.e),
  );
  const pa: number[] = [];
  const pe: number[] = [];
  const pf: number[] = [];
  apps.forEach(({ a }, i) => {
    const used = fixedUnits.get(a.id);
    const takenHere = taken.get(a.id);
    const conflicted = data.conflicts.get(a.id);
    experts.forEach(({ e }, j) => {
      if (takenHere?.has(e.personId) || conflicted?.has(e.personId)) return;
      if (settings.onePerUnit && used?.has(e.unit)) return;
      pa.push(i);
      pe.push(j);
      pf.push(aff(i, j));
    });
  });
  const inst: AssignmentInstance = {
    applications: apps.map(({ a, k: need }) => ({ id: a.id, k: need })),
    experts: experts.map(({ e, cap }) => ({ id: e.personId, cap, unit: e.unit })),
    pairs: { application: pa, expert: pe, affinity: pf },
    onePerUnit: settings.onePerUnit,
  };
  const result = solveAssignment(inst);
  const base = {
    applications: apps.length,
    experts: experts.length,
    eligiblePairs: pa.length,
    at: now.toISOString(),
  };
  let run: AssignmentRunOut;
  let inserted = 0;
  if (result.status === 'optimal') {
    const check = verifyAssignmentCertificate(inst, result);
    if (replaceable.length)
      await tx
        .deleteFrom('review_assignments')
        .where(
          'id',
          'in',
          replaceable.map((a) => a.id),
        )
        .execute();
    const rows = result.pairs.map((p) => ({
      review_id: data.head.id,
      application_id: apps[pa[p]!]!.a.id,
      person_id: experts[pe[p]!]!.e.personId,
      affinity: pf[p]!,
      source: 'solver' as const,
      assigned_by: actor.userId,
      assigned_at: now,
      updated_at: now,
    }));
    for (let s = 0; s < rows.length; s += 1000)
      await tx
        .insertInto('review_assignments')
        .values(rows.slice(s, s + 1000))
        .execute();
    inserted = rows.length;
    run = {
      status: 'optimal',
      objective: result.total + fixedAffinity,
      certificateOk: check.ok,
      ...base,
      assigned: fixed.length + rows.length,
      ms: Math.round(performance.now() - started),
      lacking: [],
      explanation: null,
    };
  } else {
    const titles = new Map(data.applications.map((a) => [a.id, a.title]));
    const lacking = result.lacking.map((l) => {
      const kept = fixedPerApp.get(l.application) ?? 0;
      return {
        applicationId: l.application,
        title: titles.get(l.application) ?? '',
        eligible: l.eligible + kept,
        needed: l.required + kept,
      };
    });
    const names = new Map(data.experts.map((e) => [e.personId, e.name]));
    const d = result.deficient;
    const setTitles = d.applications.slice(0, 10).map((id) => titles.get(id) ?? id);
    const more = d.applications.length > 10 ? d.applications.length - 10 : 0;
    const saturated = d.saturatedExperts.slice(0, 10).map((id) => names.get(id) ?? id);
    const zhParts: string[] = [];
    const enParts: string[] = [];
    if (lacking.length) {
      zhParts.push(`${lacking.map((l) => `“${l.title}”需 ${l.needed} 名专家，仅 ${l.eligible} 名可选`).join('；')}`);
      enParts.push(`${lacking.map((l) => `"${l.title}" needs ${l.needed} experts but only ${l.eligible} are eligible`).join('; ')}`);
    }
    zhParts.push(
      `项目${setTitles.map((t) => `“${t}”`).join('、')}${more ? `等 ${d.applications.length} 项` : ''}共需 ${d.required} 人次，` +
        `其可选专家最多只能提供 ${d.available} 人次${saturated.length ? `（已满负荷：${saturated.join('、')}）` : ''}`,
    );
    enParts.push(
      `applications ${setTitles.map((t) => `"${t}"`).join(', ')}${more ? ` and ${more} more` : ''} need ${d.required} assignments together, ` +
        `but their eligible experts can give at most ${d.available}${saturated.length ? ` (load caps exhausted: ${saturated.join(', ')})` : ''}`,
    );
    run = {
      status: 'infeasible',
      objective: null,
      certificateOk: null,
      ...base,
      assigned: 0,
      ms: Math.round(performance.now() - started),
      lacking,
      explanation: { zh: `无法完成分配：${zhParts.join('；')}。`, en: `No feasible assignment: ${enParts.join('. ')}.` },
    };
  }
  await tx
    .updateTable('reviews')
    .set({ last_run: JSON.stringify(run), updated_at: now })
    .where('id', '=', data.head.id)
    .execute();
  await appendAudit(tx, actor, now, {
    action: 'review.solve',
    entityType: 'review',
    entityId: data.head.id,
    before: { assignments: data.assignments.filter((a) => a.status !== 'declined').length, replaceable: replaceable.length },
    after: {
      status: run.status,
      objective: run.objective,
      certificateOk: run.certificateOk,
      kept: fixed.length,
      replaced: result.status === 'optimal' ? replaceable.length : 0,
      inserted,
      lacking: run.lacking.map((l) => l.applicationId),
    },
    reason: reason || null,
  });
  return run;
}
