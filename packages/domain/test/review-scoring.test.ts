import { describe, expect, it } from 'vitest';
import {
  aggregateReview,
  checkScores,
  normaliseTotals,
  onScaleGrid,
  rankApplications,
  topCriterion,
  trimmedMean,
  unscoredCriteria,
  weightedTotal,
  type AggregationSettings,
  type ExpertSubmission,
  type RankInput,
} from '../src/review/scoring.js';

const SCALE = { min: 0, max: 5, step: 0.5 };
const CRITERIA = [
  { key: 'merit', weight: 40 },
  { key: 'feasibility', weight: 30 },
  { key: 'team', weight: 30 },
];
const MEAN: AggregationSettings = { aggregation: 'mean', trim: 1, normalise: false, outlierPoints: 20 };

describe('weightedTotal', () => {
  it('weights each criterion on 0–100', () => {
    const r = weightedTotal(CRITERIA, SCALE, [
      { criterion: 'merit', value: 5 },
      { criterion: 'feasibility', value: 2.5 },
      { criterion: 'team', value: 0 },
    ]);
    expect(r.problems).toEqual([]);
    // (40·1 + 30·0.5 + 30·0) / 100 × 100
    expect(r.total).toBe(55);
  });

  it('drops the weight of an N/A criterion from both sums', () => {
    const r = weightedTotal(CRITERIA, SCALE, [
      { criterion: 'merit', value: 5 },
      { criterion: 'feasibility', value: null },
      { criterion: 'team', value: 2.5 },
    ]);
    // (40·1 + 30·0.5) / 70 × 100 = 78.571…
    expect(r.total).toBe(78.571);
    // Not the same as scoring it 0.
    const zero = weightedTotal(CRITERIA, SCALE, [
      { criterion: 'merit', value: 5 },
      { criterion: 'feasibility', value: 0 },
      { criterion: 'team', value: 2.5 },
    ]);
    expect(zero.total).toBe(55);
  });

  it('is null when every criterion is N/A', () => {
    const r = weightedTotal(
      CRITERIA,
      SCALE,
      CRITERIA.map((c) => ({ criterion: c.key, value: null })),
    );
    expect(r).toEqual({ total: null, problems: [] });
  });

  it('accepts half marks and refuses values off the grid, naming the field', () => {
    expect(onScaleGrid(3.5, SCALE)).toBe(true);
    expect(onScaleGrid(3.25, SCALE)).toBe(false);
    expect(onScaleGrid(5.5, SCALE)).toBe(false);
    expect(onScaleGrid(-0.5, SCALE)).toBe(false);
    const r = weightedTotal(CRITERIA, SCALE, [
      { criterion: 'merit', value: 3.5 },
      { criterion: 'feasibility', value: 3.25 },
      { criterion: 'team', value: 6 },
    ]);
    expect(r.total).toBeNull();
    expect(r.problems.map((p) => p.path)).toEqual(['scores.1.value', 'scores.2.value']);
    // A 0–100 scale in whole points.
    expect(onScaleGrid(73, { min: 0, max: 100, step: 1 })).toBe(true);
    expect(onScaleGrid(73.5, { min: 0, max: 100, step: 1 })).toBe(false);
  });

  it('refuses unknown and repeated criteria and lists unscored ones', () => {
    const problems = checkScores(CRITERIA, SCALE, [
      { criterion: 'merit', value: 1 },
      { criterion: 'price', value: 1 },
      { criterion: 'merit', value: 2 },
    ]);
    expect(problems.map((p) => p.path)).toEqual(['scores.1.criterion', 'scores.2.criterion']);
    expect(unscoredCriteria(CRITERIA, [{ criterion: 'team', value: null }])).toEqual(['merit', 'feasibility']);
  });
});

function sub(applicationId: string, personId: string, total: number | null, scores: ExpertSubmission['scores'] = []): ExpertSubmission {
  return { applicationId, personId, total, scores };
}

describe('aggregateReview', () => {
  it('takes the mean and median and flags outliers from the median', () => {
    const [a] = aggregateReview({
      criteria: CRITERIA,
      settings: { ...MEAN, outlierPoints: 20 },
      submissions: [sub('A', 'e1', 80), sub('A', 'e2', 70), sub('A', 'e3', 40)],
    });
    expect(a!.mean).toBe(63.333);
    expect(a!.score).toBe(63.333);
    expect(a!.median).toBe(70);
    expect(a!.experts.map((e) => e.outlier)).toEqual([false, false, true]);
    expect(a!.outliers).toBe(1);
  });

  it('trims only with at least 2·trim + 1 scores', () => {
    expect(trimmedMean([10, 50, 60, 70, 100], 1)).toBe(60);
    expect(trimmedMean([10, 50, 100], 1)).toBe(50); // exactly 2·1 + 1 scores: trimmed to the middle one
    expect(trimmedMean([10, 100], 1)).toBe(55);
    expect(trimmedMean([10, 50, 60, 70, 100], 2)).toBe(60);
    expect(trimmedMean([10, 50, 60, 70], 2)).toBe(47.5);
    const settings: AggregationSettings = { ...MEAN, aggregation: 'trimmed_mean', trim: 1 };
    const [full, few] = aggregateReview({
      criteria: CRITERIA,
      settings,
      submissions: [
        sub('A', 'e1', 10),
        sub('A', 'e2', 50),
        sub('A', 'e3', 60),
        sub('A', 'e4', 100),
        sub('B', 'e1', 20),
        sub('B', 'e2', 90),
      ],
    });
    expect(full!.score).toBe(55); // (50 + 60) / 2
    expect(full!.mean).toBe(55); // (10+50+60+100)/4
    expect(few!.score).toBe(55); // two scores: the plain mean
  });

  it('leaves out an expert whose total is null (every criterion N/A) and lists unscored applications', () => {
    const out = aggregateReview({
      criteria: CRITERIA,
      settings: MEAN,
      submissions: [sub('A', 'e1', 60), sub('A', 'e2', null)],
      applicationIds: ['A', 'Z'],
    });
    expect(out.map((a) => a.applicationId)).toEqual(['A', 'Z']);
    expect(out[0]!.score).toBe(60);
    expect(out[0]!.experts).toHaveLength(2);
    expect(out[1]).toMatchObject({ score: null, mean: null, median: null, outliers: 0, experts: [] });
  });

  it('computes criterion means without N/A values', () => {
    const [a] = aggregateReview({
      criteria: CRITERIA,
      settings: MEAN,
      submissions: [
        sub('A', 'e1', 50, [
          { criterion: 'merit', value: 4 },
          { criterion: 'team', value: null },
        ]),
        sub('A', 'e2', 50, [
          { criterion: 'merit', value: 3 },
          { criterion: 'team', value: 2 },
        ]),
      ],
    });
    expect(a!.criterionMeans).toEqual({ merit: 3.5, feasibility: null, team: 2 });
  });

  it('normalises per expert and leaves experts with too few totals or no spread as is', () => {
    // e1 is harsh (30, 50), e2 generous (70, 90); e3 has one total; e4 no spread.
    const subs = [
      sub('A', 'e1', 30),
      sub('B', 'e1', 50),
      sub('A', 'e2', 70),
      sub('B', 'e2', 90),
      sub('A', 'e3', 65),
      sub('A', 'e4', 60),
      sub('B', 'e4', 60),
    ];
    const all = [30, 50, 70, 90, 65, 60, 60];
    const gMean = all.reduce((a, b) => a + b, 0) / all.length;
    const gSd = Math.sqrt(all.reduce((a, x) => a + (x - gMean) ** 2, 0) / all.length);
    const n = normaliseTotals(subs);
    // e1 and e2 map to the same z-scores (−1, +1), so the same normalised totals.
    expect(n[0]).toBeCloseTo(gMean - gSd, 3);
    expect(n[1]).toBeCloseTo(gMean + gSd, 3);
    expect(n[2]).toBeCloseTo(n[0]!, 6);
    expect(n[3]).toBeCloseTo(n[1]!, 6);
    expect(n[4]).toBe(65);
    expect(n[5]).toBe(60);
    expect(n[6]).toBe(60);
    const out = aggregateReview({ criteria: CRITERIA, settings: { ...MEAN, normalise: true }, submissions: subs });
    const a = out.find((x) => x.applicationId === 'A')!;
    expect(a.experts.find((e) => e.personId === 'e1')).toMatchObject({ total: 30, normalised: n[0] });
    expect(a.score).toBeCloseTo((n[0]! + n[2]! + 65 + 60) / 4, 3);
    // Without normalisation the raw totals are used.
    const raw = aggregateReview({ criteria: CRITERIA, settings: MEAN, submissions: subs }).find((x) => x.applicationId === 'A')!;
    expect(raw.score).toBe(56.25);
  });
});

function row(id: string, over: Partial<RankInput> = {}): RankInput {
  return {
    applicationId: id,
    group: 'call',
    score: 70,
    median: 70,
    topCriterionMean: 3,
    outliers: 0,
    submittedAt: '2026-03-01T00:00:00Z',
    ...over,
  };
}

describe('rankApplications', () => {
  it('ranks by score, lists the unscored last, and ranks within groups', () => {
    const out = rankApplications(
      [
        row('a1', { score: 60, group: 'field:F01' }),
        row('a2', { score: null, group: 'field:F01' }),
        row('a3', { score: 90, group: 'field:F02' }),
        row('a4', { score: 75, group: 'field:F01' }),
      ],
      ['median'],
    );
    expect(out.map((r) => [r.applicationId, r.rankInCall, r.rankInGroup])).toEqual([
      ['a3', 1, 1],
      ['a4', 2, 1],
      ['a1', 3, 2],
      ['a2', null, null],
    ]);
    expect(out.every((r) => r.tieBrokenBy === null)).toBe(true);
  });

  it('breaks a tie by the median', () => {
    const out = rankApplications([row('a1', { median: 65 }), row('a2', { median: 72 })], ['median', 'top_criterion']);
    expect(out.map((r) => r.applicationId)).toEqual(['a2', 'a1']);
    expect(out[0]!.tieBrokenBy).toBe('median');
  });

  it('breaks a tie by the highest-weight criterion mean', () => {
    expect(topCriterion(CRITERIA)).toBe('merit');
    expect(
      topCriterion([
        { key: 'x', weight: 20 },
        { key: 'y', weight: 50 },
        { key: 'z', weight: 50 },
      ]),
    ).toBe('y');
    const out = rankApplications([row('a1', { topCriterionMean: 3 }), row('a2', { topCriterionMean: 4.5 })], ['median', 'top_criterion']);
    expect(out.map((r) => r.applicationId)).toEqual(['a2', 'a1']);
    expect(out[0]!.tieBrokenBy).toBe('top_criterion');
  });

  it('breaks a tie by fewer outliers', () => {
    const out = rankApplications([row('a1', { outliers: 2 }), row('a2', { outliers: 0 })], ['fewer_outliers']);
    expect(out.map((r) => r.applicationId)).toEqual(['a2', 'a1']);
    expect(out[0]!.tieBrokenBy).toBe('fewer_outliers');
  });

  it('breaks a tie by earlier submission', () => {
    const out = rankApplications(
      [row('a1', { submittedAt: '2026-03-05T00:00:00Z' }), row('a2', { submittedAt: new Date('2026-03-02T00:00:00Z') })],
      ['earlier_submission'],
    );
    expect(out.map((r) => r.applicationId)).toEqual(['a2', 'a1']);
    expect(out[0]!.tieBrokenBy).toBe('earlier_submission');
  });

  it('applies the tie-breaks in the configured order', () => {
    const rows = [row('a1', { median: 80, outliers: 1 }), row('a2', { median: 60, outliers: 0 })];
    expect(rankApplications(rows, ['median', 'fewer_outliers']).map((r) => r.applicationId)).toEqual(['a1', 'a2']);
    const byOutliers = rankApplications(rows, ['fewer_outliers', 'median']);
    expect(byOutliers.map((r) => r.applicationId)).toEqual(['a2', 'a1']);
    expect(byOutliers[0]!.tieBrokenBy).toBe('fewer_outliers');
  });

  it('ends every tie with the application id', () => {
    const out = rankApplications(
      [row('b'), row('a'), row('c', { score: 70.0000000001 })],
      ['median', 'top_criterion', 'earlier_submission'],
    );
    // 70.0000000001 counts as 70: a three-way tie settled by the id.
    expect(out.map((r) => r.applicationId)).toEqual(['a', 'b', 'c']);
    expect(out.map((r) => r.tieBrokenBy)).toEqual(['application_id', 'application_id', null]);
  });

  it('does not report a tie-break when the scores differ', () => {
    const out = rankApplications([row('a1', { score: 71, median: 10 }), row('a2', { score: 70, median: 90 })], ['median']);
    expect(out.map((r) => r.applicationId)).toEqual(['a1', 'a2']);
    expect(out[0]!.tieBrokenBy).toBeNull();
  });
});
