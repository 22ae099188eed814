import { AppError, type NoticeOut, type NoticeSummaryOut } from '@rdplan/domain';
import type { Actor, Deps } from '../../context.js';
import { currentNotices, findNotice, itemCounts, noticeView, openObjectionCounts, summaryOf } from '../../repositories/notices.js';

function isStaff(actor: Actor) {
  return actor.roles.some((r) => r === 'officer' || r === 'admin');
}

/** The public home's list: notices running now (current versions), newest first. */
export async function listPublicNotices(deps: Deps): Promise<{ items: NoticeSummaryOut[] }> {
  const now = deps.clock.now();
  const rows = await currentNotices(deps.db);
  const counts = await itemCounts(
    deps.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => summaryOf(r, counts.get(r.id) ?? 0, now)).filter((n) => n.running) };
}

/** Any version of a notice, for the public page (no login) or an officer (with the open objections). */
export async function getNotice(deps: Deps, actor: Actor, id: string): Promise<NoticeOut> {
  const now = deps.clock.now();
  const row = await findNotice(deps.db, id);
  if (!row) throw new AppError('not_found', { entity: 'notice', id });
  const view = await noticeView(deps.db, row, now);
  if (!isStaff(actor)) return view;
  const open = await openObjectionCounts(deps.db, [row.series_id]);
  return { ...view, openObjections: open.get(row.series_id) ?? 0 };
}

/** Officers: every current notice (running or ended), optionally of one plan, with open objection counts. */
export async function listNotices(deps: Deps, actor: Actor, planId?: string): Promise<{ items: NoticeSummaryOut[] }> {
  if (!isStaff(actor)) throw new AppError('forbidden');
  const now = deps.clock.now();
  const rows = await currentNotices(deps.db, planId);
  const [counts, open] = await Promise.all([
    itemCounts(
      deps.db,
      rows.map((r) => r.id),
    ),
    openObjectionCounts(
      deps.db,
      rows.map((r) => r.series_id),
    ),
  ]);
  return { items: rows.map((r) => ({ ...summaryOf(r, counts.get(r.id) ?? 0, now), openObjections: open.get(r.series_id) ?? 0 })) };
}
