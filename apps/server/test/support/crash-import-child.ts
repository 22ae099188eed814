import { writeSync } from 'node:fs';
import { systemClock } from '../../src/clock.js';
import { runNationalImportJob } from '../../src/commands/national/import-jobs.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { createDeps } from '../../src/deps.js';

/**
 * A second process that runs one national import job on the test's PostgreSQL database and freezes
 * (the whole thread, synchronously) when the import reaches `stopAt` — 'writing' (inside the batch
 * transaction, before its commit) or 'matching' (after the commit, before the job's status update) —
 * after saying so on stdout, so the test can kill -9 it exactly there.
 * Arguments: <database url> <data folder> <job id> <stopAt>.
 */
const [url, dataDir, jobId, stopAt] = process.argv.slice(2);
const database = await openDatabase({ url: url! });
const deps = await createDeps(database.db, { ...loadConfig({ NODE_ENV: 'test' }), dataDir: dataDir! }, systemClock);
await runNationalImportJob(
  deps,
  { id: jobId! },
  {
    progressEveryMs: 0,
    onProgress: (p) => {
      if (p.phase !== stopAt) return;
      writeSync(1, `${stopAt}\n`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // frozen until killed
    },
  },
);
writeSync(1, 'finished\n');
await database.close();
