import {
  noticeRunning,
  type NoticeItemOut,
  type NoticeOut,
  type NoticeSource,
  type NoticeSummaryOut,
  type ObjectionOut,
} from '@rdplan/domain';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { NoticesTable } from '../db/schema.js';
import { formOf, json } from './review.js';
import { str } from './review-selection.js';
import type { Selectable } from 'kysely';

/** SQL of the public notice (4.3.b): versions, items, objections and refused late attempts. */

export type NoticeRow = Selectable<NoticesTable> & { year: number };

const iso = (d: Date | string) => new Date(d).toISOString();

function noticeQuery(db: Executor) {
  return db
    .selectFrom('notices as n')
    .innerJoin('plans as p', 'p.id', 'n.plan_id')
    .selectAll('n')
    .select('p.year')
    .select((eb) =>
      eb
        .not(
          eb.exists(
            eb
              .selectFrom('notices as later')
              .select(sql<number>`1`.as('one'))
              .whereRef('later.series_id', '=', 'n.series_id')
              .whereRef('later.version', '>', 'n.version'),
          ),
        )
        .as('current'),
    );
}

export async function findNotice(db: Executor, id: string) {
  return (await noticeQuery(db).where('n.id', '=', id).executeTakeFirst()) ?? null;
}

/** The newest version of the series, locked so that two corrections do not race. */
export async function currentVersionForUpdate(db: Executor, seriesId: string) {
  return db
    .selectFrom('notices')
    .selectAll()
    .where('series_id', '=', seriesId)
    .orderBy('version', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Current versions (newest of each series), optionally of one plan, newest first. */
export async function currentNotices(db: Executor, planId?: string) {
  let q = noticeQuery(db)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notices as later')
            .select(sql<number>`1`.as('one'))
            .whereRef('later.series_id', '=', 'n.series_id')
            .whereRef('later.version', '>', 'n.version'),
        ),
      ),
    )
    .orderBy('n.published_at', 'desc')
    .orderBy('n.id');
  if (planId) q = q.where('n.plan_id', '=', planId);
  return q.execute();
}

export async function itemCounts(db: Executor, noticeIds: string[]): Promise<Map<string, number>> {
  if (noticeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('notice_items')
    .select(['notice_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('notice_id', 'in', noticeIds)
    .groupBy('notice_id')
    .execute();
  return new Map(rows.map((r) => [r.notice_id, Number(r.n)]));
}

export async function openObjectionCounts(db: Executor, seriesIds: string[]): Promise<Map<string, number>> {
  if (seriesIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('notice_objections')
    .select(['series_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('series_id', 'in', seriesIds)
    .where('status', '=', 'open')
    .groupBy('series_id')
    .execute();
  return new Map(rows.map((r) => [r.series_id, Number(r.n)]));
}

export function summaryOf(row: NoticeRow & { current: unknown }, itemCount: number, now: Date): NoticeSummaryOut {
  return {
    id: row.id,
    seriesId: row.series_id,
    version: row.version,
    current: Boolean(row.current),
    planId: row.plan_id,
    year: Number(row.year),
    source: row.source,
    title: row.title,
    publishedAt: iso(row.published_at),
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    endsAt: iso(row.ends_at),
    workingDays: row.working_days,
    firstDayCounts: row.first_day_counts,
    // A superseded version is no longer running: its correction is.
    running: Boolean(row.current) && noticeRunning({ publishedAt: row.published_at, endsAt: row.ends_at }, now),
    itemCount,
    correctionReason: row.correction_reason,
  };
}

/** The projects upheld objections took off the series' list, with the reason shown. */
export async function removalsOf(db: Executor, seriesId: string): Promise<Map<string, { reason: string; at: string }>> {
  const rows = await db
    .selectFrom('notice_objections')
    .select(['application_id', 'decision_reason', 'decided_at'])
    .where('series_id', '=', seriesId)
    .where('status', '=', 'upheld')
    .orderBy('decided_at')
    .execute();
  const out = new Map<string, { reason: string; at: string }>();
  for (const r of rows)
    if (!out.has(r.application_id)) out.set(r.application_id, { reason: r.decision_reason ?? '', at: iso(r.decided_at!) });
  return out;
}

export async function noticeItems(db: Executor, noticeId: string, seriesId: string): Promise<NoticeItemOut[]> {
  const [rows, removals] = await Promise.all([
    db.selectFrom('notice_items').selectAll().where('notice_id', '=', noticeId).orderBy('position').execute(),
    removalsOf(db, seriesId),
  ]);
  return rows.map((r) => ({
    applicationId: r.application_id,
    position: r.position,
    unit: r.org_name,
    title: r.title,
    track: r.track,
    fieldOrChain: r.field_or_chain,
    amount: r.amount === null ? null : Number(r.amount),
    amountRule: r.amount_rule,
    removed: removals.get(r.application_id) ?? null,
  }));
}

/** A notice version as the public sees it: items, versions with their reasons, decided objections' outcomes. */
export async function noticeView(db: Executor, row: NoticeRow & { current: unknown }, now: Date): Promise<NoticeOut> {
  const [items, versions, objections] = await Promise.all([
    noticeItems(db, row.id, row.series_id),
    db
      .selectFrom('notices')
      .select(['id', 'version', 'published_at', 'correction_reason'])
      .where('series_id', '=', row.series_id)
      .orderBy('version')
      .execute(),
    db
      .selectFrom('notice_objections as o')
      .select(['o.application_id', 'o.status', 'o.received_at', 'o.decision_reason', 'o.decided_at'])
      .where('o.series_id', '=', row.series_id)
      .orderBy('o.received_at')
      .orderBy('o.id')
      .execute(),
  ]);
  const titles = new Map(items.map((i) => [i.applicationId, i.title]));
  return {
    ...summaryOf(row, items.length, now),
    howToObject: row.how_to_object,
    rule: '4.3.b',
    items,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      publishedAt: iso(v.published_at),
      correctionReason: v.correction_reason,
    })),
    outcomes: objections.flatMap((o) =>
      o.status === 'open'
        ? []
        : [
            {
              applicationId: o.application_id,
              projectTitle: titles.get(o.application_id) ?? '',
              receivedOn: iso(o.received_at).slice(0, 10),
              outcome: o.status,
              reason: o.decision_reason ?? '',
              decidedOn: iso(o.decided_at!).slice(0, 10),
            },
          ],
    ),
    pendingObjections: objections.filter((o) => o.status === 'open').length,
  };
}

/** Applications a notice of this source may publish: the plan's calls, in the state the source needs. */
export async function eligibleApplications(db: Executor, planId: string, source: NoticeSource) {
  const q = db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .leftJoin('workplans as w', 'w.id', 'a.workplan_id')
    .leftJoin('chains as ch', 'ch.id', 'w.chain_id')
    .select(['a.id', 'a.track', 'a.status', 'a.form', 'a.city_funds', 'a.amount', 'o.name as org_name', 'ch.name_zh as chain_name'])
    .where('c.plan_id', '=', planId);
  const filtered =
    source === 'selection'
      ? q.where('a.track', 'in', ['consortium', 'backfill']).where('a.status', '=', 'selected')
      : source === 'continuation'
        ? q.where('a.track', '=', 'continuation').where('a.status', '=', 'verified')
        : q.where('a.track', '=', 'recognition').where('a.status', '=', 'rechecked');
  const rows = await filtered.orderBy('a.track').orderBy('o.name').orderBy('a.id').execute();
  const fieldCodes = [...new Set(rows.map((r) => str(formOf(r.form).fieldCode)).filter(Boolean))];
  const fields = fieldCodes.length
    ? await db.selectFrom('fields').select(['code', 'name_zh']).where('code', 'in', fieldCodes).execute()
    : [];
  const fieldName = new Map(fields.map((f) => [f.code, f.name_zh]));
  return rows.map((r) => {
    const form = formOf(r.form);
    const code = str(form.fieldCode);
    return {
      id: r.id,
      track: r.track,
      orgName: r.org_name,
      title: str(form.title) || '（未填写项目名称）',
      fieldOrChain: r.track === 'consortium' ? (r.chain_name ?? '') : code ? `${fieldName.get(code) ?? code}（${code}）` : '',
      amount: r.track === 'recognition' ? null : r.track === 'continuation' ? Number(r.amount ?? 0) : Number(r.city_funds ?? 0),
    };
  });
}

/** Applications of the plan already on a notice (any series, any version). */
export async function applicationsOnNotice(db: Executor, planId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('notice_items as i')
    .innerJoin('notices as n', 'n.id', 'i.notice_id')
    .select('i.application_id')
    .distinct()
    .where('n.plan_id', '=', planId)
    .execute();
  return new Set(rows.map((r) => r.application_id));
}

export function objectionOut(
  r: Selectable<import('../db/schema.js').NoticeObjectionsTable> & { version: number; title: string | null; org_name: string | null },
): ObjectionOut {
  const notes = json<{ note: string; by: string; at: string }[]>(r.notes, []);
  return {
    id: r.id,
    noticeId: r.notice_id,
    noticeVersion: r.version,
    applicationId: r.application_id,
    projectTitle: r.title ?? '',
    unit: r.org_name ?? '',
    name: r.name,
    workUnit: r.work_unit,
    phone: r.phone,
    email: r.email,
    grounds: r.grounds,
    evidence: r.evidence_sha256
      ? { filename: r.evidence_filename ?? 'evidence.pdf', size: r.evidence_size ?? 0, activeContent: [...r.evidence_active_content] }
      : null,
    receivedAt: iso(r.received_at),
    status: r.status,
    notes,
    decisionReason: r.decision_reason,
    reply: r.reply,
    decidedBy: r.decided_by_label,
    decidedAt: r.decided_at ? iso(r.decided_at) : null,
  };
}

export function objectionsQuery(db: Executor) {
  return db
    .selectFrom('notice_objections as o')
    .innerJoin('notices as n', 'n.id', 'o.notice_id')
    .leftJoin('notice_items as i', (j) => j.onRef('i.notice_id', '=', 'o.notice_id').onRef('i.application_id', '=', 'o.application_id'))
    .selectAll('o')
    .select(['n.version', 'i.title', 'i.org_name']);
}
