import { AppError, type OverlapFlagOut, type OverlapListOut } from '@rdplan/domain';
import type { Executor } from '../../../db/database.js';
import { formOf, json } from '../../../repositories/review.js';
import { str } from '../../../repositories/review-selection.js';

/** A stored passage: offsets in the application's text and in the other document's text as scanned. */
export type StoredPassage = OverlapFlagOut['passages'][number];

const TRACK_ZH: Record<string, string> = { consortium: '联合体', backfill: '递补', continuation: '接续', recognition: '认定' };

/**
 * The text of an application that is compared (一题多报): what the applicant wrote about the project —
 * title, summary, objectives, research content, KPIs, schedule tasks and the implementation plan. The
 * field and direction are chosen from lists (shared by whole tracks), so they are left out.
 */
export function applicationText(rawForm: unknown): string {
  const f = formOf(rawForm);
  const parts = [str(f.title), str(f.summary), str(f.objectives), str(f.content), str(f.implementationPlan)];
  for (const k of Array.isArray(f.kpis) ? (f.kpis as unknown[]) : []) {
    const row = k && typeof k === 'object' ? (k as Record<string, unknown>) : {};
    parts.push(`${str(row.indicator)} ${str(row.target)}`);
  }
  for (const s of Array.isArray(f.schedule) ? (f.schedule as unknown[]) : []) {
    const row = s && typeof s === 'object' ? (s as Record<string, unknown>) : {};
    parts.push(str(row.task));
  }
  return parts.filter((p) => p.trim() !== '').join('\n');
}

/** The review with its call and plan year; 404 when it does not exist. */
export async function findReviewForOverlap(db: Executor, reviewId: string) {
  const row = await db
    .selectFrom('reviews as r')
    .innerJoin('calls as c', 'c.id', 'r.call_id')
    .innerJoin('plans as p', 'p.id', 'c.plan_id')
    .select(['r.id', 'r.call_id', 'r.status', 'c.track', 'p.year'])
    .where('r.id', '=', reviewId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', { entity: 'review', id: reviewId });
  return row;
}

/** The applications a review takes: the call's reviewed applications (also once selected or not). */
export function reviewApplicationIds(db: Executor, callId: string) {
  return db
    .selectFrom('applications')
    .select(['id', 'form'])
    .where('call_id', '=', callId)
    .where('status', 'in', ['formal_passed', 'selected', 'not_selected'])
    .orderBy('id')
    .execute();
}

type FlagRow = {
  id: string;
  application_id: string;
  other_kind: 'application' | 'national';
  other_id: string;
  similarity: number;
  containment: number;
  passages: unknown;
  status: 'open' | 'dismissed' | 'confirmed';
  note: string;
};

/** Flags with the titles and labels of both sides. */
export async function presentFlags(db: Executor, rows: FlagRow[]): Promise<OverlapFlagOut[]> {
  if (rows.length === 0) return [];
  const appIds = [
    ...new Set([...rows.map((r) => r.application_id), ...rows.filter((r) => r.other_kind === 'application').map((r) => r.other_id)]),
  ];
  const apps = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('plans as p', 'p.id', 'c.plan_id')
    .select(['a.id', 'a.form', 'a.track', 'o.name as org_name', 'p.year'])
    .where('a.id', 'in', appIds)
    .execute();
  const appById = new Map(apps.map((a) => [a.id, a]));
  const nationalIds = rows.filter((r) => r.other_kind === 'national').map((r) => r.other_id);
  const national = new Map<string, { title: string; label: string }>();
  if (nationalIds.length > 0) {
    const na = await db
      .selectFrom('national_applications')
      .select(['id', 'national_id', 'title', 'year', 'lead_name'])
      .where('id', 'in', nationalIds)
      .execute();
    for (const n of na) national.set(n.id, { title: n.title, label: `国家申报 ${n.national_id}（${n.year}，${n.lead_name}）` });
    const np = await db
      .selectFrom('national_projects')
      .select(['id', 'national_id', 'title', 'start_date', 'lead_name'])
      .where('id', 'in', nationalIds)
      .execute();
    for (const n of np)
      national.set(n.id, { title: n.title, label: `国家项目 ${n.national_id}（${n.start_date?.slice(0, 4) ?? '—'}，${n.lead_name}）` });
  }
  return rows.map((r) => {
    const app = appById.get(r.application_id);
    let otherTitle = '';
    let otherLabel = r.other_id;
    if (r.other_kind === 'application') {
      const o = appById.get(r.other_id);
      if (o) {
        otherTitle = str(formOf(o.form).title);
        otherLabel = `${o.org_name}（${o.year} ${TRACK_ZH[o.track] ?? o.track}）`;
      }
    } else {
      const n = national.get(r.other_id);
      if (n) {
        otherTitle = n.title;
        otherLabel = n.label;
      }
    }
    return {
      id: r.id,
      applicationId: r.application_id,
      applicationTitle: app ? str(formOf(app.form).title) : '',
      otherKind: r.other_kind,
      otherId: r.other_id,
      otherTitle,
      otherLabel,
      similarity: Number(r.similarity),
      containment: Number(r.containment),
      passages: json<StoredPassage[]>(r.passages, []),
      status: r.status,
      note: r.note,
    };
  });
}

/** The review's flags, most similar first, and when it was last scanned (the scan's audit event). */
export async function reviewFlags(db: Executor, reviewId: string): Promise<OverlapListOut> {
  const review = await findReviewForOverlap(db, reviewId);
  const ids = (await reviewApplicationIds(db, review.call_id)).map((a) => a.id);
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('overlap_flags')
          .select(['id', 'application_id', 'other_kind', 'other_id', 'similarity', 'containment', 'passages', 'status', 'note'])
          .where('application_id', 'in', ids)
          .orderBy('similarity', 'desc')
          .orderBy('application_id')
          .orderBy('other_id')
          .execute();
  const scan = await db
    .selectFrom('audit_events')
    .select('at')
    .where('action', '=', 'review.overlap_scan')
    .where('entity_type', '=', 'review')
    .where('entity_id', '=', reviewId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { items: await presentFlags(db, rows), scannedAt: scan ? new Date(scan.at).toISOString() : null };
}
