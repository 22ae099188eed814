import {
  AppError,
  hasAnyRole,
  NOTICE_AMOUNT_RULES,
  NOTICE_SOURCE_LABELS,
  noticePeriod,
  type NoticeCorrectionInput,
  type NoticeOut,
  type NoticePublishInput,
} from '@rdplan/domain';
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, Deps } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { findPlanRowForUpdate, planParams } from '../../repositories/plans.js';
import { loadCalendar } from '../../repositories/reference.js';
import { latestSelection } from '../../repositories/review-selection.js';
import {
  applicationsOnNotice,
  currentVersionForUpdate,
  eligibleApplications,
  findNotice,
  noticeView,
  removalsOf,
} from '../../repositories/notices.js';
import { inTransaction } from '../transaction.js';
import { mailNoticePublished } from './unit-mail.js';

export function assertOfficer(actor: Actor): void {
  if (!hasAnyRole(actor.roles, ['officer'])) throw new AppError('forbidden');
}

type Item = Awaited<ReturnType<typeof eligibleApplications>>[number];

async function insertVersion(
  tx: Tx,
  actor: Actor,
  now: Date,
  v: {
    seriesId: string;
    version: number;
    planId: string;
    source: NoticePublishInput['source'];
    title: string;
    howToObject: string;
    correctionReason: string | null;
    items: Item[];
  },
) {
  const plan = await findPlanRowForUpdate(tx, v.planId);
  if (!plan) throw new AppError('not_found', { entity: 'plan', id: v.planId });
  const params = planParams(plan);
  // The period is decided now, on the stored calendar: a year without data answers calendar_gap.
  const period = noticePeriod(now, params.noticeWorkingDays, params.noticeFirstDayCounts, await loadCalendar(tx));
  const notice = await tx
    .insertInto('notices')
    .values({
      series_id: v.seriesId,
      version: v.version,
      plan_id: v.planId,
      source: v.source,
      title: v.title,
      how_to_object: v.howToObject,
      working_days: period.workingDays,
      first_day_counts: period.firstDayCounts,
      starts_on: period.startsOn,
      ends_on: period.endsOn,
      ends_at: new Date(period.endsAt),
      correction_reason: v.correctionReason,
      published_by: actor.userId,
      published_by_label: actor.label,
      published_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('notice_items')
    .values(
      v.items.map((it, i) => ({
        notice_id: notice.id,
        application_id: it.id,
        position: i + 1,
        org_name: it.orgName,
        title: it.title,
        track: it.track,
        field_or_chain: it.fieldOrChain,
        amount: it.amount,
        amount_rule: NOTICE_AMOUNT_RULES[it.track],
      })),
    )
    .execute();
  // Each unit with a project on the notice is told, in this transaction (a rollback sends nothing).
  const orgs = await tx
    .selectFrom('applications')
    .select(['id', 'org_id'])
    .where(
      'id',
      'in',
      v.items.map((it) => it.id),
    )
    .execute();
  const orgOf = new Map(orgs.map((o) => [o.id, o.org_id]));
  await mailNoticePublished(
    tx,
    { id: notice.id, title: v.title, startsOn: period.startsOn, endsOn: period.endsOn, corrected: v.version > 1 },
    v.items.flatMap((it) => (orgOf.has(it.id) ? [{ orgId: orgOf.get(it.id)!, title: it.title }] : [])),
  );
  return { id: notice.id, period, plan };
}

/**
 * 4.3.b: an officer publishes a notice of the plan's confirmed selection (3.1, 3.2), verified continuations
 * (3.3, with the verified amounts) or re-checked recognitions (3.4). Each application is on one notice
 * series; the period is the plan's noticeWorkingDays on the working-day calendar.
 */
export async function publishNotice(deps: Deps, actor: Actor, input: NoticePublishInput): Promise<NoticeOut> {
  assertOfficer(actor);
  return inTransaction(deps, async (tx, now) => {
    const plan = await findPlanRowForUpdate(tx, input.planId);
    if (!plan) throw new AppError('not_found', { entity: 'plan', id: input.planId });
    if (input.source === 'selection' && !(await latestSelection(tx, input.planId)))
      throw new AppError('state_conflict', {
        reason: 'selection_not_confirmed',
        message: "confirm the plan's selection first / 须先确定本计划的立项遴选结果",
      });
    const onNotice = await applicationsOnNotice(tx, input.planId);
    const eligible = await eligibleApplications(tx, input.planId, input.source);
    let items: Item[];
    if (input.applicationIds) {
      const byId = new Map(eligible.map((e) => [e.id, e]));
      const wanted = [...new Set(input.applicationIds)];
      const notEligible = wanted.filter((id) => !byId.has(id));
      if (notEligible.length > 0)
        throw new AppError('state_conflict', {
          reason: 'not_eligible',
          message: 'these applications cannot be on this notice / 所选申报不属于本类公示对象',
          applicationIds: notEligible,
        });
      const already = wanted.filter((id) => onNotice.has(id));
      if (already.length > 0)
        throw new AppError('state_conflict', {
          reason: 'already_on_notice',
          message: 'already published on a notice; publish a correction instead / 已公示，如需更正请发布更正公示',
          applicationIds: already,
        });
      const set = new Set(wanted);
      items = eligible.filter((e) => set.has(e.id));
    } else {
      items = eligible.filter((e) => !onNotice.has(e.id));
    }
    if (items.length === 0)
      throw new AppError('state_conflict', {
        reason: 'nothing_to_publish',
        message: 'no project waits for this notice / 没有待公示的项目',
      });
    const seriesId = randomUUID();
    const title = input.title ?? `${plan.year}年度广州市重点领域研发计划${NOTICE_SOURCE_LABELS[input.source].zh}公示`;
    const { id, period } = await insertVersion(tx, actor, now, {
      seriesId,
      version: 1,
      planId: input.planId,
      source: input.source,
      title,
      howToObject: input.howToObject,
      correctionReason: null,
      items,
    });
    await appendAudit(tx, actor, now, {
      action: 'notice.publish',
      entityType: 'notice',
      entityId: id,
      after: {
        rule: '4.3.b',
        seriesId,
        planId: input.planId,
        source: input.source,
        title,
        period,
        items: items.map((i) => ({ applicationId: i.id, amount: i.amount, rule: NOTICE_AMOUNT_RULES[i.track] })),
      },
    });
    const row = await findNotice(tx, id);
    return noticeView(tx, row!, now);
  });
}

/**
 * A published notice is never edited: a correction publishes a new version of the series with its reason,
 * re-reading the same projects' current records, and runs a full period of its own from its publication.
 * Projects an upheld objection took off the list stay off (the objection belongs to the series).
 */
export async function correctNotice(deps: Deps, actor: Actor, noticeId: string, input: NoticeCorrectionInput): Promise<NoticeOut> {
  assertOfficer(actor);
  return inTransaction(deps, async (tx, now) => {
    const found = await findNotice(tx, noticeId);
    if (!found) throw new AppError('not_found', { entity: 'notice', id: noticeId });
    const latest = await currentVersionForUpdate(tx, found.series_id);
    if (latest.id !== found.id)
      throw new AppError('state_conflict', {
        reason: 'superseded',
        message: 'correct the current version of the notice / 请更正公示的最新版本',
        currentId: latest.id,
      });
    const previous = await tx.selectFrom('notice_items').select('application_id').where('notice_id', '=', found.id).execute();
    const ids = new Set(previous.map((p) => p.application_id));
    const removed = await removalsOf(tx, found.series_id);
    // The same projects, as their records read now; one that has left its state since is listed as it was.
    const eligible = new Map((await eligibleApplications(tx, found.plan_id, found.source)).map((e) => [e.id, e]));
    const old = await tx.selectFrom('notice_items').selectAll().where('notice_id', '=', found.id).orderBy('position').execute();
    const items: Item[] = old
      .filter((o) => ids.has(o.application_id))
      .map(
        (o) =>
          eligible.get(o.application_id) ?? {
            id: o.application_id,
            track: o.track,
            orgName: o.org_name,
            title: o.title,
            fieldOrChain: o.field_or_chain,
            amount: o.amount === null ? null : Number(o.amount),
          },
      );
    const { id, period } = await insertVersion(tx, actor, now, {
      seriesId: found.series_id,
      version: latest.version + 1,
      planId: found.plan_id,
      source: found.source,
      title: input.title ?? found.title,
      howToObject: input.howToObject ?? found.how_to_object,
      correctionReason: input.reason,
      items,
    });
    await appendAudit(tx, actor, now, {
      action: 'notice.correct',
      entityType: 'notice',
      entityId: id,
      before: { id: found.id, version: found.version, title: found.title, endsOn: found.ends_on },
      after: { rule: '4.3.b', seriesId: found.series_id, version: latest.version + 1, period, removed: [...removed.keys()] },
      reason: input.reason,
    });
    const row = await findNotice(tx, id);
    return noticeView(tx, row!, now);
  });
}
