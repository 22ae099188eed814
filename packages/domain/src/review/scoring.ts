/**
 * Scores of a review (issue 5, docs/review.md "Scores"): the weighted total of one expert's scores, the
 * aggregate per application (mean or trimmed mean, optional per-expert normalisation, median, outliers,
 * criterion means) and the ranking in the call and in each group with the call's tie-breaks.
 *
 * A criterion marked "not applicable" (value null) leaves both sums everywhere: the total, the criterion
 * means and the tie-breaks. Pure functions; the server reads the rows and stores the results.
 */

export interface ScoringCriterion {
  key: string;
  weight: number;
}
export interface ScoringScale {
  min: number;
  max: number;
  step: number;
}
export interface ScoreEntry {
  criterion: string;
  value: number | null;
}
export interface ScoreProblem {
  path: string;
  message: string;
}

const EPS = 1e-9;

/** Rounds to 3 decimals (the stored precision of totals). */
function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Whether a value lies on the scale's grid: min..max in steps of step. */
export function onScaleGrid(value: number, scale: ScoringScale): boolean {
  if (!Number.isFinite(value)) return false;
  if (value < scale.min - EPS || value > scale.max + EPS) return false;
  const steps = (value - scale.min) / scale.step;
  return Math.abs(steps - Math.round(steps)) < 1e-6;
}

/**
 * Checks scores against the criteria and the scale: known criterion keys, each at most once, values on the
 * grid. Paths name `scores.<i>.criterion` or `scores.<i>.value`.
 */
export function checkScores(criteria: readonly ScoringCriterion[], scale: ScoringScale, scores: readonly ScoreEntry[]): ScoreProblem[] {
  const keys = new Set(criteria.map((c) => c.key));
  const seen = new Set<string>();
  const problems: ScoreProblem[] = [];
  scores.forEach((s, i) => {
    if (!keys.has(s.criterion)) {
      problems.push({ path: `scores.${i}.criterion`, message: `not a criterion of this call / 非本指南评审指标: ${s.criterion}` });
    } else if (seen.has(s.criterion)) {
      problems.push({ path: `scores.${i}.criterion`, message: `scored twice / 重复评分: ${s.criterion}` });
    }
    seen.add(s.criterion);
    if (s.value !== null && !onScaleGrid(s.value, scale)) {
      problems.push({
        path: `scores.${i}.value`,
        message: `a value from ${scale.min} to ${scale.max} in steps of ${scale.step} / 分值须在 ${scale.min}–${scale.max} 之间，步长 ${scale.step}`,
      });
    }
  });
  return problems;
}

/** Criteria of the call not present in the scores (neither scored nor marked N/A). */
export function unscoredCriteria(criteria: readonly ScoringCriterion[], scores: readonly ScoreEntry[]): string[] {
  const given = new Set(scores.map((s) => s.criterion));
  return criteria.filter((c) => !given.has(c.key)).map((c) => c.key);
}

export interface WeightedTotal {
  /** On 0–100, rounded to 3 decimals; null when no applicable criterion carries weight (or on problems). */
  total: number | null;
  problems: ScoreProblem[];
}

/**
 * total = Σ_applicable wᵢ·(vᵢ − min)/(max − min) / Σ_applicable wᵢ × 100. A criterion with value null, or
 * missing from the scores, is not applicable: its weight leaves both sums.
 */
export function weightedTotal(criteria: readonly ScoringCriterion[], scale: ScoringScale, scores: readonly ScoreEntry[]): WeightedTotal {
  const problems = checkScores(criteria, scale, scores);
  if (problems.length) return { total: null, problems };
  const byKey = new Map(scores.map((s) => [s.criterion, s.value]));
  let num = 0;
  let den = 0;
  for (const c of criteria) {
    const v = byKey.get(c.key);
    if (v === undefined || v === null) continue;
    num += c.weight * ((v - scale.min) / (scale.max - scale.min));
    den += c.weight;
  }
  return { total: den > 0 ? round3((num / den) * 100) : null, problems };
}

// ---------------------------------------------------------------------------------------------------------
// Aggregation

export interface AggregationSettings {
  aggregation: 'mean' | 'trimmed_mean';
  trim: number;
  normalise: boolean;
  outlierPoints: number;
}

/** One submitted assignment. */
export interface ExpertSubmission {
  applicationId: string;
  personId: string;
  /** The weighted total; null when every criterion was N/A (the expert does not count then). */
  total: number | null;
  scores: readonly ScoreEntry[];
}

export interface ExpertResult {
  personId: string;
  total: number | null;
  /** The total after per-expert normalisation (equal to total when normalisation is off or not possible). */
  normalised: number | null;
  outlier: boolean;
}

export interface ApplicationAggregate {
  applicationId: string;
  experts: ExpertResult[];
  /** The aggregate (mean or trimmed mean of the used totals); null without any total. */
  score: number | null;
  mean: number | null;
  median: number | null;
  outliers: number;
  /** Mean value per criterion on the scale, N/A excluded; null when nobody scored it. */
  criterionMeans: Record<string, number | null>;
}

function mean(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Drops `trim` at each end, only with at least 2·trim + 1 values; otherwise the plain mean. */
export function trimmedMean(xs: readonly number[], trim: number): number | null {
  if (!xs.length) return null;
  if (trim <= 0 || xs.length < 2 * trim + 1) return mean(xs);
  const s = [...xs].sort((a, b) => a - b);
  return mean(s.slice(trim, s.length - trim));
}

/** Population standard deviation. */
function spread(xs: readonly number[]): number {
  const m = mean(xs) ?? 0;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
}

/**
 * Per-expert normalisation: each expert's totals become z-scores over that expert's totals in the review,
 * mapped back with the mean and spread of all totals. Experts with fewer than 2 totals, or zero spread, are
 * left as is. Returns the normalised total per submission (same order); null totals stay null.
 */
export function normaliseTotals(submissions: readonly ExpertSubmission[]): (number | null)[] {
  const all = submissions.flatMap((s) => (s.total === null ? [] : [s.total]));
  if (!all.length) return submissions.map(() => null);
  const gMean = mean(all)!;
  const gSpread = spread(all);
  const byExpert = new Map<string, number[]>();
  for (const s of submissions) {
    if (s.total === null) continue;
    const list = byExpert.get(s.personId) ?? [];
    list.push(s.total);
    byExpert.set(s.personId, list);
  }
  const stats = new Map<string, { m: number; sd: number } | null>();
  for (const [person, totals] of byExpert) {
    const sd = spread(totals);
    stats.set(person, totals.length >= 2 && sd > EPS ? { m: mean(totals)!, sd } : null);
  }
  return submissions.map((s) => {
    if (s.total === null) return null;
    const st = stats.get(s.personId);
    if (!st) return s.total;
    return round3(gMean + (gSpread * (s.total - st.m)) / st.sd);
  });
}

/**
 * Aggregates the submitted scores of a review per application. Applications listed in `applicationIds`
 * without any submission appear with null scores.
 */
export function aggregateReview(input: {
  criteria: readonly ScoringCriterion[];
  settings: AggregationSettings;
  submissions: readonly ExpertSubmission[];
  applicationIds?: readonly string[];
}): ApplicationAggregate[] {
  const { criteria, settings, submissions } = input;
  const normalised = settings.normalise ? normaliseTotals(submissions) : submissions.map((s) => s.total);
  const ids = [...(input.applicationIds ?? [])];
  for (const s of submissions) if (!ids.includes(s.applicationId)) ids.push(s.applicationId);
  return ids.map((applicationId) => {
    const idx = submissions.flatMap((s, i) => (s.applicationId === applicationId ? [i] : []));
    const used = idx.flatMap((i) => (normalised[i] === null || normalised[i] === undefined ? [] : [normalised[i]!]));
    const med = median(used);
    const experts: ExpertResult[] = idx.map((i) => {
      const s = submissions[i]!;
      const n = normalised[i] ?? null;
      return {
        personId: s.personId,
        total: s.total,
        normalised: n,
        outlier: n !== null && med !== null && Math.abs(n - med) > settings.outlierPoints + EPS,
      };
    });
    const m = mean(used);
    const score = settings.aggregation === 'trimmed_mean' ? trimmedMean(used, settings.trim) : m;
    const criterionMeans: Record<string, number | null> = {};
    for (const c of criteria) {
      const values = idx.flatMap((i) => {
        const v = submissions[i]!.scores.find((e) => e.criterion === c.key)?.value;
        return v === undefined || v === null ? [] : [v];
      });
      const cm = mean(values);
      criterionMeans[c.key] = cm === null ? null : round3(cm);
    }
    return {
      applicationId,
      experts,
      score: score === null ? null : round3(score),
      mean: m === null ? null : round3(m),
      median: med === null ? null : round3(med),
      outliers: experts.filter((e) => e.outlier).length,
      criterionMeans,
    };
  });
}

/** The criterion with the highest weight (the first such in the call's order); null without criteria. */
export function topCriterion(criteria: readonly ScoringCriterion[]): string | null {
  let best: ScoringCriterion | null = null;
  for (const c of criteria) if (!best || c.weight > best.weight) best = c;
  return best?.key ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// Ranking

export type RankTieBreak = 'median' | 'top_criterion' | 'fewer_outliers' | 'earlier_submission';

export interface RankInput {
  applicationId: string;
  /** `field:<code>`, `chain:<id>` or `call`. */
  group: string;
  score: number | null;
  median: number | null;
  /** Mean of the highest-weight criterion, N/A excluded. */
  topCriterionMean: number | null;
  outliers: number;
  /** When the application was submitted (ISO string or date); null sorts last. */
  submittedAt: string | Date | null;
}

export interface RankOutput {
  applicationId: string;
  group: string;
  rankInCall: number | null;
  rankInGroup: number | null;
  /** The key that separated it from the next row when their scores tie ('application_id' last). */
  tieBrokenBy: RankTieBreak | 'application_id' | null;
}

/** Descending with nulls last: negative when a should come first. */
function desc(a: number | null, b: number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return Math.abs(a - b) < EPS ? 0 : b - a;
}
function asc(a: number | null, b: number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return Math.abs(a - b) < EPS ? 0 : a - b;
}
function time(t: string | Date | null): number | null {
  if (t === null) return null;
  const ms = t instanceof Date ? t.getTime() : Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

function compareBy(key: RankTieBreak, a: RankInput, b: RankInput): number {
  switch (key) {
    case 'median':
      return desc(a.median, b.median);
    case 'top_criterion':
      return desc(a.topCriterionMean, b.topCriterionMean);
    case 'fewer_outliers':
      return a.outliers - b.outliers;
    case 'earlier_submission':
      return asc(time(a.submittedAt), time(b.submittedAt));
  }
}

/**
 * Ranks applications by score (descending), then by the tie-breaks in order, the application id ending every
 * tie. Applications without a score are unranked (null) and listed last (by id). Returns the rows in order.
 */
export function rankApplications(rows: readonly RankInput[], tieBreaks: readonly RankTieBreak[]): RankOutput[] {
  const scored = rows.filter((r) => r.score !== null);
  const unscored = rows.filter((r) => r.score === null).sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1));
  const separator = (a: RankInput, b: RankInput): RankTieBreak | 'application_id' | null => {
    if (desc(a.score, b.score) !== 0) return null;
    for (const key of tieBreaks) if (compareBy(key, a, b) !== 0) return key;
    return 'application_id';
  };
  const cmp = (a: RankInput, b: RankInput): number => {
    const s = desc(a.score, b.score);
    if (s !== 0) return s;
    for (const key of tieBreaks) {
      const c = compareBy(key, a, b);
      if (c !== 0) return c;
    }
    return a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0;
  };
  scored.sort(cmp);
  const inGroup = new Map<string, number>();
  const out: RankOutput[] = scored.map((r, i) => {
    const g = (inGroup.get(r.group) ?? 0) + 1;
    inGroup.set(r.group, g);
    const next = scored[i + 1];
    return {
      applicationId: r.applicationId,
      group: r.group,
      rankInCall: i + 1,
      rankInGroup: g,
      tieBrokenBy: next ? separator(r, next) : null,
    };
  });
  for (const r of unscored)
    out.push({ applicationId: r.applicationId, group: r.group, rankInCall: null, rankInGroup: null, tieBrokenBy: null });
  return out;
}
