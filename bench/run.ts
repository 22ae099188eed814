/**
 * Benchmarks: `npm run bench -- <name>` runs one, no name runs all; each prints one JSON object per
 * line. Figures are measured in this run on this machine; compare ratios, not absolute times.
 */
import { generateRegistry } from '@rdplan/demo';
import { isValidUscc } from '@rdplan/domain';
import { systemClock } from '../apps/server/src/clock.js';
import { loadConfig } from '../apps/server/src/config.js';
import { createDeps } from '../apps/server/src/deps.js';
import { migrate, openDatabase } from '../apps/server/src/db/database.js';
import { seedDemo } from '../apps/server/src/seed/demo.js';
import { apiSurgeBench } from './api-surge.js';
import { assignmentBench } from './assignment.js';
import { auditContentionBench } from './audit-contention.js';
import { mapQueryBench } from './map-query.js';
import { matchingBench } from './matching.js';
import { nationalImportBench } from './national-import.js';
import { overlapBench } from './overlap.js';
import { selectionBench } from './selection.js';

/** Each benchmark answers one or more JSON lines. */
const benches: Record<string, () => Promise<Record<string, unknown> | Record<string, unknown>[]>> = {
  /** Credit-code validation throughput over generated codes. */
  async uscc() {
    const codes = generateRegistry({ organisations: 20_000, experts: 0, researchers: 0 }).organisations.map((o) => o.uscc);
    const rounds = 20;
    const t = performance.now();
    let valid = 0;
    for (let r = 0; r < rounds; r++) for (const c of codes) if (isValidUscc(c)) valid++;
    const ms = performance.now() - t;
    return {
      bench: 'uscc',
      size: codes.length * rounds,
      ms: Math.round(ms),
      per_second: Math.round((codes.length * rounds) / (ms / 1000)),
      valid,
    };
  },
  /** Loading the demo registry into a fresh embedded database (migrations included). */
  async 'registry-seed'() {
    const t = performance.now();
    const d = await openDatabase({ dataDir: null });
    await migrate(d.db);
    const r = await seedDemo(await createDeps(d.db, loadConfig(), systemClock));
    const ms = performance.now() - t;
    await d.close();
    return { bench: 'registry-seed', size: 'demo', organisations: r.organisations, people: r.people, ms: Math.round(ms) };
  },
  /** Matching noisy national unit names to the registry: precision and recall against the kept-aside truth. */
  matching: matchingBench,
  /** Importing the benchmark-size national records into PostgreSQL: records per second. */
  'national-import': nationalImportBench,
  /** The map's heaviest query on the benchmark size: p95. */
  'map-query': mapQueryBench,
  /** Exact expert assignment: city and national sizes, and against HiGHS on the same LP. */
  assignment: assignmentBench,
  /** Near-duplicate applications (一题多报) against national abstracts: precision, recall, time. */
  overlap: overlapBench,
  /** Budget-optimal selection within every cap, each objective, against HiGHS; rank-and-cut beside it. */
  selection: selectionBench,
  /** Concurrent audited transactions that work after auditing: lock held through the work vs append at commit. */
  'audit-contention': auditContentionBench,
  /** 1,000 applicant sessions on two app instances against a bare Fastify + pg ceiling, then kill -9 of one. */
  'api-surge': () => apiSurgeBench(options),
};

// `npm run bench -- api-surge --sessions 50`: names first, then the options of the benchmarks named.
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('--'));
const names = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);

for (const name of names.length ? names : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  const out = await bench();
  for (const line of Array.isArray(out) ? out : [out]) console.log(JSON.stringify(line));
}
