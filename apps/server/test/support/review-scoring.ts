import { type ReviewSettingsPatch } from '@rdplan/domain';
import type { Executor } from '../../src/db/database.js';
import { createOrg, createUser } from './fixtures.js';
import { completeForm } from './tracks.js';

/**
 * Direct inserts for the scoring tests: reviewed (formal_passed) applications, a released review with its
 * settings, experts with accounts, and assignments — so that these tests do not depend on the review
 * creation and assignment routes (tested on their own).
 */

let n = 0;

/** A formal_passed application of the call, submitted at the given time. */
export async function reviewedApplication(
  db: Executor,
  over: {
    callId: string;
    track?: 'consortium' | 'backfill' | 'continuation' | 'recognition';
    orgId?: string;
    title?: string;
    fieldCode?: string;
    submittedAt?: Date;
    form?: Record<string, unknown>;
    workplanId?: string | null;
  },
) {
  n++;
  const orgId = over.orgId ?? (await createOrg(db, { name: `评审申报单位${n}有限公司` })).id;
  return db
    .insertInto('applications')
    .values({
      call_id: over.callId,
      track: over.track ?? 'backfill',
      org_id: orgId,
      workplan_id: over.workplanId ?? null,
      status: 'formal_passed',
      city_funds: 1_000_000,
      form: JSON.stringify(completeForm({ title: over.title ?? `评审测试项目${n}`, fieldCode: over.fieldCode ?? 'F01.02', ...over.form })),
      submitted_at: over.submittedAt ?? new Date(`2026-03-01T0${n % 10}:00:00Z`),
      submitted_version: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An expert (people.is_expert) with an active account of role expert. */
export async function expertWithAccount(db: Executor, name?: string) {
  n++;
  const person = await db
    .insertInto('people')
    .values({
      key: `scoring-expert-${n}-${Math.random().toString(36).slice(2, 8)}`,
      name: name ?? `评审专家${n}`,
      email: null,
      title_level: 'senior',
      title_name: '教授',
      field_codes: ['F01.02'],
      keywords: [],
      is_expert: true,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const user = await createUser(db, { roles: ['expert'], personId: person.id, name: person.name });
  return { person, user };
}

/** A review of the call in the given status with stored settings. */
export async function insertReview(
  db: Executor,
  callId: string,
  settings: Omit<ReviewSettingsPatch, 'reason'> = {},
  status: 'setup' | 'scoring' | 'closed' = 'scoring',
) {
  return db
    .insertInto('reviews')
    .values({
      call_id: callId,
      status,
      settings: JSON.stringify(settings),
      released_at: status === 'setup' ? null : new Date('2026-05-10T00:00:00Z'),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function assign(db: Executor, reviewId: string, applicationId: string, personId: string) {
  return db
    .insertInto('review_assignments')
    .values({ review_id: reviewId, application_id: applicationId, person_id: personId, source: 'manual', affinity: 60 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A submitted assignment written directly (for results tests): scores and total as the expert would have
 * submitted them, with the declaration.
 */
export async function submittedAssignment(
  db: Executor,
  reviewId: string,
  applicationId: string,
  personId: string,
  scores: { criterion: string; value: number | null }[],
  total: number | null,
  submittedAt = new Date('2026-05-12T00:00:00Z'),
) {
  await db
    .insertInto('review_declarations')
    .values({ review_id: reviewId, application_id: applicationId, person_id: personId, kind: 'no_conflict' })
    .execute();
  return db
    .insertInto('review_assignments')
    .values({
      review_id: reviewId,
      application_id: applicationId,
      person_id: personId,
      source: 'solver',
      status: 'submitted',
      scores: JSON.stringify(scores.map((s) => ({ ...s, comment: '' }))),
      total: total === null ? null : String(total),
      submitted_at: submittedAt,
      version: 2,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
