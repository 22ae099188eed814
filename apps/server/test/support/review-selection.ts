import { DEFAULT_PLAN_PARAMS, type PlanParams } from '@rdplan/domain';
import type { Executor } from '../../src/db/database.js';
import { createOrg } from './fixtures.js';
import { completeForm, seedPlanAndCalls } from './tracks.js';

/**
 * Direct inserts for the selection and overlap tests: a plan with consortium (3.1) and backfill (3.2)
 * applications already past the formal check, their calls' reviews, and submitted expert totals, so that
 * these tests do not depend on the assignment and scoring routes (tested on their own).
 */

let seq = 0;

export async function insertChain(db: Executor, name: string) {
  seq++;
  return db
    .insertInto('chains')
    .values({ code: `SEL${seq}${Math.random().toString(36).slice(2, 5).toUpperCase()}`, name_zh: name, name_en: name })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A plan (published) with its four calls, the given chains selected and the budgets stored. */
export async function insertSelectionPlan(
  db: Executor,
  over: {
    year: number;
    params?: Partial<PlanParams>;
    chainIds: string[];
    budgets?: { total?: number; consortium?: number; backfill?: number; continuation?: number };
  },
) {
  const { planId, calls } = await seedPlanAndCalls(db, { year: over.year, params: { ...DEFAULT_PLAN_PARAMS, ...over.params } });
  await db
    .updateTable('plans')
    .set({
      budget_total: over.budgets?.total ?? 0,
      budget_consortium: over.budgets?.consortium ?? 0,
      budget_backfill: over.budgets?.backfill ?? 0,
      budget_continuation: over.budgets?.continuation ?? 0,
    })
    .where('id', '=', planId)
    .execute();
  if (over.chainIds.length > 0)
    await db
      .insertInto('plan_chains')
      .values(over.chainIds.map((id) => ({ plan_id: planId, chain_id: id })))
      .execute();
  return { planId, calls };
}

export async function insertWorkplan(db: Executor, planId: string, chainId: string, leaderOrgId: string) {
  return db
    .insertInto('workplans')
    .values({ plan_id: planId, chain_id: chainId, leader_org_id: leaderOrgId, status: 'finalised', weak_points: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** An application already past the formal check (or in the given state). */
export async function insertApplication(
  db: Executor,
  over: {
    callId: string;
    track: 'consortium' | 'backfill' | 'continuation' | 'recognition';
    orgId: string;
    workplanId?: string | null;
    cityFunds: number | null;
    form?: Record<string, unknown>;
    status?: 'draft' | 'submitted' | 'formal_passed' | 'withdrawn';
    nationalApplicationId?: string | null;
  },
) {
  return db
    .insertInto('applications')
    .values({
      call_id: over.callId,
      track: over.track,
      org_id: over.orgId,
      workplan_id: over.workplanId ?? null,
      in_plan: over.workplanId ? true : false,
      status: over.status ?? 'formal_passed',
      kind: over.track === 'consortium' ? 'key_common' : null,
      org_mode: over.track === 'consortium' ? 'standard' : null,
      city_funds: over.cityFunds,
      self_funds: over.cityFunds,
      national_application_id: over.nationalApplicationId ?? null,
      form: JSON.stringify(completeForm(over.form ?? {})),
      submitted_at: over.status === 'draft' ? null : new Date('2026-04-01T02:00:00Z'),
      submitted_version: over.status === 'draft' ? null : 1,
    })
    .returning(['id', 'org_id'])
    .executeTakeFirstOrThrow();
}

export async function insertReview(db: Executor, callId: string, status: 'setup' | 'scoring' | 'closed' = 'closed') {
  return db
    .insertInto('reviews')
    .values({
      call_id: callId,
      status,
      released_at: status === 'setup' ? null : new Date('2026-05-01T00:00:00Z'),
      closed_at: status === 'closed' ? new Date('2026-05-20T00:00:00Z') : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function setReviewStatus(db: Executor, reviewId: string, status: 'setup' | 'scoring' | 'closed') {
  await db
    .updateTable('reviews')
    .set({ status, closed_at: status === 'closed' ? new Date('2026-05-20T00:00:00Z') : null })
    .where('id', '=', reviewId)
    .execute();
}

/** An expert (person in the pool) with a unit of their own. */
export async function insertExpert(db: Executor, name: string) {
  seq++;
  const org = await createOrg(db, { name: `${name}所在大学${seq}`, type: 'university' });
  const person = await db
    .insertInto('people')
    .values({
      key: `sel-expert-${seq}-${Math.random().toString(36).slice(2, 8)}`,
      name,
      email: null,
      title_level: 'senior',
      title_name: '教授',
      field_codes: ['F01'],
      keywords: [],
      is_expert: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('affiliations').values({ person_id: person.id, org_id: org.id, from_date: '2010-01-01', to_date: null }).execute();
  return { personId: person.id, orgId: org.id };
}

/**
 * Submitted scores of the given experts on one application: one criterion 'merit' (weight 100) on the
 * 0–5 scale, so each expert's weighted total is value / 5 × 100.
 */
export async function submitTotals(db: Executor, reviewId: string, applicationId: string, experts: string[], totals: number[]) {
  for (let i = 0; i < totals.length; i++) {
    const total = totals[i]!;
    await db
      .insertInto('review_assignments')
      .values({
        review_id: reviewId,
        application_id: applicationId,
        person_id: experts[i]!,
        source: 'manual',
        status: 'submitted',
        scores: JSON.stringify([{ criterion: 'merit', value: (total / 100) * 5, comment: '' }]),
        total: total.toFixed(3),
        submitted_at: new Date(`2026-05-1${i}T02:00:00Z`),
      })
      .execute();
  }
}
