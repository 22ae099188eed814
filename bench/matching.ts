/**
 * Benchmark `matching` (issue 4): links every unit of the benchmark-size national records (about
 * 500,000 rows with noisy names, 60 % without a credit code) to a 20,000-organisation registry and
 * scores the links against the generator's kept-aside truth. Prints JSON lines; see bench/run.ts.
 *
 * precision = correct links / links made (status matched); recall = correct links / units whose truth
 * is a registry organisation. `unreachable` counts registry units written with a typo and without a
 * credit code: no exact rule can link them, they can only reach the review queue.
 */
import { generateNational, generateRegistry } from '@rdplan/demo';
import { buildOrgIndex, matchUnit, type MatchUnitInput } from '@rdplan/domain';

export async function matchingBench(): Promise<Record<string, unknown>[]> {
  const registry = generateRegistry({ organisations: 20_000, experts: 0, researchers: 0 });
  const national = generateNational(registry, { size: 'bench' });
  const units: { unit: MatchUnitInput; truth: string | null }[] = [];
  const truth = new Map(national.truth.map((t) => [`${t.kind}|${t.nationalId}|${t.position}`, t.uscc]));
  for (const a of national.applications) {
    [a.lead, ...a.participants].forEach((u, i) => units.push({ unit: u, truth: truth.get(`application|${a.nationalId}|${i}`) ?? null }));
  }
  for (const p of national.projects) {
    [p.lead, ...p.participants].forEach((u, i) => units.push({ unit: u, truth: truth.get(`project|${p.nationalId}|${i}`) ?? null }));
  }

  const t = performance.now();
  const index = buildOrgIndex(registry.organisations.map((o) => ({ ...o, id: o.uscc })));
  let links = 0;
  let correct = 0;
  let review = 0;
  let reviewWithTruth = 0;
  let unmatched = 0;
  let inRegistry = 0;
  const results = units.map(({ unit }) => matchUnit(index, unit));
  const ms = performance.now() - t;
  const byUscc = new Map(registry.organisations.map((o) => [o.uscc, o]));
  const wrong: string[] = [];
  const missed: string[] = [];
  results.forEach((r, i) => {
    const expected = units[i]!.truth;
    if (expected) inRegistry++;
    if (r.status === 'matched') {
      links++;
      if (r.orgId === expected) correct++;
      else if (wrong.length < 5)
        wrong.push(`${units[i]!.unit.name} → ${byUscc.get(r.orgId!)?.name} (truth ${expected ? byUscc.get(expected)?.name : 'outside'})`);
    } else if (r.status === 'review') {
      review++;
      if (expected && r.candidates.some((c) => c.orgId === expected)) reviewWithTruth++;
    } else unmatched++;
    if (expected && r.status !== 'matched' && missed.length < 5)
      missed.push(`${units[i]!.unit.name} [${r.status}] truth ${byUscc.get(expected)?.name}`);
  });
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  const out: Record<string, unknown>[] = [
    {
      bench: 'matching',
      organisations: registry.organisations.length,
      units: units.length,
      in_registry: inRegistry,
      links,
      correct,
      precision: round(correct / Math.max(1, links)),
      recall: round(correct / Math.max(1, inRegistry)),
      review,
      review_with_true_candidate: reviewWithTruth,
      unmatched,
      ms: Math.round(ms),
      per_second: Math.round(units.length / (ms / 1000)),
    },
  ];
  if (process.env.MATCHING_DEBUG) out.push({ wrong, missed });
  return out;
}
