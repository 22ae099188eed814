import {
  aggregateReview,
  AppError,
  rankApplications,
  topCriterion,
  type ExpertSubmission,
  type ResultRowOut,
  type ResultsOut,
} from '@rdplan/domain';
import type { Db } from '../../db/database.js';
import { findReviewHead, formOf, REVIEWED_STATES } from '../../repositories/review.js';
import { scoresOf, totalOf } from '../../repositories/review-scoring.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The review's results: each application's experts' totals, the aggregate, outliers, its rank in the call and
 * in its group (field for 3.2.g, chain for 3.1), and the panel record. Read by the results route and by the
 * selection (ranks and scores). Works inside or outside a transaction.
 */
export async function computeResults(db: Db, reviewId: string, _now: Date): Promise<ResultsOut> {
  const review = await findReviewHead(db, reviewId);
  if (!review) throw new AppError('not_found');
  const { settings, criteria } = review;

  const apps = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .leftJoin('workplans as w', 'w.id', 'a.workplan_id')
    .leftJoin('chains as ch', 'ch.id', 'w.chain_id')
    .select([
      'a.id',
      'a.track',
      'a.form',
      'a.city_funds',
      'a.submitted_at',
      'o.name as org_name',
      'ch.id as chain_id',
      'ch.name_zh as chain_name_zh',
      'ch.name_en as chain_name_en',
    ])
    .where('a.call_id', '=', review.callId)
    .where('a.status', 'in', [...REVIEWED_STATES])
    .orderBy('a.id')
    .execute();
  const appIds = apps.map((a) => a.id);

  const submitted = appIds.length
    ? await db
        .selectFrom('review_assignments as ra')
        .innerJoin('people as p', 'p.id', 'ra.person_id')
        .select(['ra.application_id', 'ra.person_id', 'ra.scores', 'ra.total', 'ra.submitted_at', 'p.name'])
        .where('ra.review_id', '=', reviewId)
        .where('ra.status', '=', 'submitted')
        .where('ra.application_id', 'in', appIds)
        .orderBy('ra.submitted_at')
        .orderBy('ra.id')
        .execute()
    : [];
  const submissions: ExpertSubmission[] = submitted.map((s) => ({
    applicationId: s.application_id,
    personId: s.person_id,
    total: totalOf(s.total),
    scores: scoresOf(s.scores),
  }));
  const aggregates = new Map(aggregateReview({ criteria, settings, submissions, applicationIds: appIds }).map((a) => [a.applicationId, a]));
  const top = topCriterion(criteria);

  // 3.2.g selects by field (领域, the top level F01 … F12); a direction (F01.02) belongs to its field.
  const groupOf = (a: (typeof apps)[number], fieldCode: string | null) =>
    a.track === 'consortium' ? `chain:${a.chain_id ?? ''}` : a.track === 'backfill' ? `field:${topField(fieldCode) ?? ''}` : 'call';
  const fieldCodes = apps.map((a) => topField(formOf(a.form).fieldCode)).filter((c): c is string => typeof c === 'string');
  const fields = fieldCodes.length
    ? await db.selectFrom('fields').select(['code', 'name_zh', 'name_en']).where('code', 'in', fieldCodes).execute()
    : [];
  const fieldNames = new Map(fields.map((f) => [f.code, f]));

  const ranks = rankApplications(
    apps.map((a) => {
      const agg = aggregates.get(a.id)!;
      const fieldCode = formOf(a.form).fieldCode;
      return {
        applicationId: a.id,
        group: groupOf(a, typeof fieldCode === 'string' ? fieldCode : null),
        score: agg.score,
        median: agg.median,
        topCriterionMean: top ? (agg.criterionMeans[top] ?? null) : null,
        outliers: agg.outliers,
        submittedAt: a.submitted_at,
      };
    }),
    settings.tieBreaks,
  );

  const panels = appIds.length
    ? await db
        .selectFrom('review_panels as rp')
        .leftJoin('users as u', 'u.id', 'rp.recorded_by')
        .select(['rp.application_id', 'rp.opinion', 'rp.recommendation', 'rp.recorded_at', 'u.name as recorded_by_name'])
        .where('rp.review_id', '=', reviewId)
        .execute()
    : [];
  const panelOf = new Map(panels.map((p) => [p.application_id, p]));
  const names = new Map(submitted.map((s) => [`${s.application_id}|${s.person_id}`, s]));
  const byId = new Map(apps.map((a) => [a.id, a]));

  const rows: ResultRowOut[] = ranks.map((r) => {
    const a = byId.get(r.applicationId)!;
    const agg = aggregates.get(r.applicationId)!;
    const form = formOf(a.form);
    const panel = panelOf.get(a.id);
    return {
      applicationId: a.id,
      title: typeof form.title === 'string' ? form.title : '',
      orgName: a.org_name,
      track: a.track,
      fieldCode: typeof form.fieldCode === 'string' ? form.fieldCode : null,
      chainId: a.chain_id,
      chainName: a.chain_name_zh,
      cityFunds: a.city_funds === null ? null : Number(a.city_funds),
      group: r.group,
      experts: agg.experts.map((e) => {
        const s = names.get(`${a.id}|${e.personId}`);
        return {
          personId: e.personId,
          expertName: s?.name ?? '',
          total: e.total,
          normalised: e.normalised,
          outlier: e.outlier,
          submittedAt: iso(s?.submitted_at ?? null),
        };
      }),
      score: agg.score,
      mean: agg.mean,
      median: agg.median,
      outliers: agg.outliers,
      rankInCall: r.rankInCall,
      rankInGroup: r.rankInGroup,
      tieBrokenBy: r.tieBrokenBy,
      panel: panel
        ? {
            opinion: panel.opinion,
            recommendation: panel.recommendation,
            recordedBy: panel.recorded_by_name ?? '',
            recordedAt: iso(panel.recorded_at)!,
          }
        : null,
    };
  });

  const groups: ResultsOut['groups'] = [];
  for (const row of rows) {
    let g = groups.find((x) => x.group === row.group);
    if (!g) {
      const a = byId.get(row.applicationId)!;
      let labelZh: string;
      let labelEn: string;
      if (row.group.startsWith('chain:')) {
        labelZh = a.chain_name_zh ?? '未关联产业链';
        labelEn = a.chain_name_en ?? 'No chain';
      } else if (row.group.startsWith('field:')) {
        const code = topField(row.fieldCode);
        const f = code ? fieldNames.get(code) : undefined;
        labelZh = f ? `${f.code} ${f.name_zh}` : (code ?? '未分领域');
        labelEn = f ? `${f.code} ${f.name_en}` : (code ?? 'No field');
      } else {
        labelZh = review.callTitleZh;
        labelEn = review.callTitleEn;
      }
      g = { group: row.group, labelZh, labelEn, ranked: [] };
      groups.push(g);
    }
    if (row.rankInGroup !== null) g.ranked.push(row.applicationId);
  }

  return { reviewId, status: review.status, settings, rows, groups };
}

/** The field (领域) of a field or direction code: F01.02 → F01. */
export function topField(code: unknown): string | null {
  return typeof code === 'string' && /^F\d{2}/.test(code) ? code.slice(0, 3) : null;
}
