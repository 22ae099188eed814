/**
 * Benchmark `national-import` (issue 4): imports the benchmark-size national records — 100,000
 * applications, 20,000 projects, about 500,000 unit rows from `generateNational(registry, { size:
 * 'bench' })` — into PostgreSQL through the same import job the web page and the CLI run (check, then
 * one batch transaction of bulk unnest upserts, then unit matching). PostgreSQL: DATABASE_URL when set
 * (the database should be empty), else a throw-away server started here. Prints one JSON object.
 */
import { generateNational, generateRegistry } from '@rdplan/demo';
import { importNationalAsJob } from '../apps/server/src/commands/national/import-jobs.js';
import { systemActor } from '../apps/server/src/context.js';
import { seedDemo } from '../apps/server/src/seed/demo.js';
import { withBenchPostgres } from './postgres.js';

export async function nationalImportBench(): Promise<Record<string, unknown>[]> {
  return withBenchPostgres('national-import', async ({ deps }) => {
    await seedDemo(deps);

    const national = generateNational(generateRegistry(), { size: 'bench' });
    const buffer = Buffer.from(JSON.stringify({ applications: national.applications, projects: national.projects }));
    const participants =
      national.applications.reduce((n, a) => n + a.participants.length, 0) +
      national.projects.reduce((n, p) => n + p.participants.length, 0);

    let lastLine = 0;
    const t = performance.now();
    const { result } = await importNationalAsJob(deps, systemActor('bench'), {
      filename: 'national-bench.json',
      buffer,
      source: 'bench',
      keepFile: false,
      maxBytes: null,
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastLine < 5000) return;
        lastLine = now;
        const writing = p.phase === 'writing' ? ` · writing ${p.written ?? 0}/${p.toWrite ?? 0}` : '';
        console.error(
          `national-import: rows ${p.rowsDone}/${p.totalRows} · errors ${p.errors.length}${writing} · ${Math.round(now - t)} ms`,
        );
      },
    });
    const totalMs = performance.now() - t;
    // `ms`: the import proper — read, check, and the one batch transaction through its commit. Linking
    // the units to the registry (matchNationalUnits, benchmarked by `matching`) follows the commit in the
    // same job and is reported apart, with the job's total.
    const ms = result.timingsMs.read + result.timingsMs.check + result.timingsMs.write;
    return [
      {
        bench: 'national-import',
        database: process.env.DATABASE_URL ? 'DATABASE_URL' : 'postgres (throw-away server)',
        applications: result.applications.inserted + result.applications.updated + result.applications.unchanged,
        projects: result.projects.inserted + result.projects.updated + result.projects.unchanged,
        units: result.units,
        participants,
        rejected: result.rejected,
        file_mb: Math.round(buffer.length / 1e5) / 10,
        ms: Math.round(ms),
        records_per_second: Math.round(result.totalRecords / (ms / 1000)),
        target_ms: 60_000,
        phases_ms: result.timingsMs,
        match_ms: result.timingsMs.match,
        job_total_ms: Math.round(totalMs),
      },
    ];
  });
}
