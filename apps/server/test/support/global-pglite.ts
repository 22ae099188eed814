import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { migrate, openDatabase, PGLITE_PARSERS } from '../../src/db/database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data folder (a tar file) that every embedded test database is loaded from. */
    pgliteTemplate: string;
  }
}

/** Vitest global setup of the embedded project: migrates once per run instead of once per test file. */
export default async function setup(project: TestProject) {
  const pglite = new PGlite({ parsers: PGLITE_PARSERS });
  const database = await openDatabase({ pglite });
  await migrate(database.db);
  const dump = await pglite.dumpDataDir('none');
  await database.close();
  const dir = await mkdtemp(path.join(tmpdir(), 'rdplan-pglite-template-'));
  const file = path.join(dir, 'template.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
