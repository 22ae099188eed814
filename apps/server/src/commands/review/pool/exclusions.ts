import { AppError, DEFAULT_REVIEW_SETTINGS, hasAnyRole, type ExclusionInput, type ExclusionListOut, type Role } from '@rdplan/domain';
import { appendAudit } from '../../../audit/audit.js';
import type { Actor, Deps } from '../../../context.js';
import type { Executor } from '../../../db/database.js';
import { findReviewHeadByCall } from '../../../repositories/review.js';
import { inTransaction } from '../../transaction.js';
import { AccessDenied } from '../../../http/access-denied.js';

const UNIT_ROLES: readonly Role[] = ['unit_admin', 'unit_member', 'chain_leader'];

/** The application, if the actor is one of the applying unit's own users; everyone else is told it does not exist. */
async function ownApplication(db: Executor, actor: Actor, applicationId: string, lock = false) {
  if (!actor.orgId || !hasAnyRole(actor.roles, UNIT_ROLES)) throw new AccessDenied('application', applicationId);
  let q = db.selectFrom('applications').select(['id', 'org_id', 'call_id', 'status', 'submitted_at']).where('id', '=', applicationId);
  if (lock) q = q.forUpdate();
  const app = await q.executeTakeFirst();
  if (!app || app.org_id !== actor.orgId) throw new AccessDenied('application', applicationId);
  return app;
}

async function limitFor(db: Executor, callId: string) {
  const review = await findReviewHeadByCall(db, callId);
  return { review, limit: review ? review.settings.exclusionLimit : DEFAULT_REVIEW_SETTINGS.exclusionLimit };
}

async function listRows(db: Executor, applicationId: string) {
  const rows = await db
    .selectFrom('review_exclusions')
    .select(['id', 'person_name', 'unit_name', 'reason', 'created_at'])
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personName: r.person_name,
    unitName: r.unit_name,
    reason: r.reason,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** From submission until the review is released: the application was submitted and no review has left setup. */
function assertOpen(app: { status: string; submitted_at: Date | string | null }, review: { status: string } | null) {
  if (app.status === 'draft' || app.submitted_at === null)
    throw new AppError('state_conflict', { status: app.status, message: 'exclusions open on submission / 提交申报后方可申请回避' });
  if (['rejected', 'withdrawn'].includes(app.status))
    throw new AppError('state_conflict', { status: app.status, message: 'the application is closed / 申报已终止' });
  if (review && review.status !== 'setup')
    throw new AppError('state_conflict', {
      reviewStatus: review.status,
      message: 'the experts are already released / 专家分配已发布，不能再修改回避名单',
    });
}

export async function listExclusions(deps: Deps, actor: Actor, applicationId: string): Promise<ExclusionListOut> {
  const app = await ownApplication(deps.db, actor, applicationId);
  const { limit } = await limitFor(deps.db, app.call_id);
  return { items: await listRows(deps.db, app.id), limit };
}

/** The applicant names an expert to exclude; the person is resolved by name and unit when exactly one matches. */
export async function addExclusion(deps: Deps, actor: Actor, applicationId: string, input: ExclusionInput): Promise<ExclusionListOut> {
  return inTransaction(deps, async (tx, now) => {
    const app = await ownApplication(tx, actor, applicationId, true);
    const { review, limit } = await limitFor(tx, app.call_id);
    assertOpen(app, review);
    const existing = await listRows(tx, app.id);
    if (existing.length >= limit)
      throw new AppError('review_limit', {
        limit: 'exclusions',
        max: limit,
        count: existing.length,
        message: `at most ${limit} exclusions per application / 每个项目最多申请回避 ${limit} 名专家`,
      });
    let q = tx.selectFrom('people').select('people.id').distinct().where('people.name', '=', input.personName);
    if (input.unitName)
      q = q
        .innerJoin('affiliations', 'affiliations.person_id', 'people.id')
        .innerJoin('organisations', 'organisations.id', 'affiliations.org_id')
        .where('organisations.name', '=', input.unitName);
    const matches = await q.limit(2).execute();
    const personId = matches.length === 1 ? matches[0]!.id : null;
    const row = await tx
      .insertInto('review_exclusions')
      .values({
        application_id: app.id,
        person_name: input.personName,
        unit_name: input.unitName,
        person_id: personId,
        reason: input.reason,
        created_by: actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, actor, now, {
      action: 'review.exclusion_add',
      entityType: 'application',
      entityId: app.id,
      before: { exclusions: existing.length },
      after: { exclusionId: row.id, personName: input.personName, unitName: input.unitName, resolved: personId !== null },
      reason: input.reason || null,
    });
    return { items: await listRows(tx, app.id), limit };
  });
}

export async function removeExclusion(deps: Deps, actor: Actor, applicationId: string, exclusionId: string): Promise<void> {
  await inTransaction(deps, async (tx, now) => {
    const app = await ownApplication(tx, actor, applicationId, true);
    const row = await tx
      .selectFrom('review_exclusions')
      .selectAll()
      .where('id', '=', exclusionId)
      .where('application_id', '=', app.id)
      .executeTakeFirst();
    // Another application's exclusion, asked for through one's own application.
    if (!row) throw new AccessDenied('review_exclusion', exclusionId);
    const { review } = await limitFor(tx, app.call_id);
    assertOpen(app, review);
    await tx.deleteFrom('review_exclusions').where('id', '=', row.id).execute();
    await appendAudit(tx, actor, now, {
      action: 'review.exclusion_remove',
      entityType: 'application',
      entityId: app.id,
      before: { exclusionId: row.id, personName: row.person_name, unitName: row.unit_name },
      after: null,
    });
  });
}
