import { AppError } from '@rdplan/domain';
import {
  isAvailable,
  loadsInReview,
  conflictOf,
  reviewCap,
  type PoolExpert,
  type ReviewApplication,
  type ReviewData,
} from '../../../repositories/review.js';

/**
 * Re-checks one (application, expert) pair for a manual or random change: conflicts (422
 * conflict_of_interest with the reasons), then availability, already assigned, load cap and one-per-unit
 * (422 review_limit naming which). `extra` counts experts picked earlier in the same draw.
 */
export function assertAssignable(
  data: ReviewData,
  app: ReviewApplication,
  e: PoolExpert,
  extra: { load?: Map<string, number>; units?: Set<string> } = {},
): void {
  const reasons = conflictOf(data, app.id, e.personId);
  if (reasons) throw new AppError('conflict_of_interest', { applicationId: app.id, personId: e.personId, expertName: e.name, reasons });
  const limit = (name: string, more: Record<string, unknown>, zh: string, en: string) =>
    new AppError('review_limit', { limit: name, applicationId: app.id, personId: e.personId, ...more, message: `${en} / ${zh}` });
  if (!e.isExpert) throw limit('not_expert', {}, '此人不在专家库中', 'not in the expert pool');
  if (!isAvailable(e, data.today))
    throw limit('unavailable', { unavailableUntil: e.unavailableUntil }, '专家暂不可用', 'the expert is unavailable');
  if (data.assignments.some((a) => a.applicationId === app.id && a.personId === e.personId))
    throw limit('already_assigned', {}, '该专家已分配到此项目', 'the expert is already on this application');
  const load = (loadsInReview(data).get(e.personId) ?? 0) + (extra.load?.get(e.personId) ?? 0);
  const cap = reviewCap(e);
  if (load >= cap)
    throw limit(
      'load_cap',
      { load, cap, otherReviews: e.otherLoad },
      `专家评审负荷已满（${load}/${cap}）`,
      `load cap reached (${load}/${cap})`,
    );
  const experts = new Map(data.experts.map((x) => [x.personId, x]));
  if (data.head.settings.onePerUnit) {
    const sameUnit = data.assignments.find(
      (a) => a.applicationId === app.id && a.status !== 'declined' && experts.get(a.personId)?.unit === e.unit,
    );
    if (sameUnit || extra.units?.has(e.unit))
      throw limit(
        'one_per_unit',
        { unit: e.org?.orgName ?? null, otherPersonId: sameUnit?.personId ?? null },
        '同一单位只能有一名专家评审此项目',
        'one expert per unit on an application',
      );
  }
}
