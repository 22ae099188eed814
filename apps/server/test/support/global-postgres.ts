import type { TestProject } from 'vitest/node';
import { findPostgresBin, startPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

/** Vitest global setup of the PostgreSQL project: DATABASE_URL when given, else a server of our own. */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('pgUrl', process.env.DATABASE_URL);
    return;
  }
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found (install postgresql, or set PG_BIN or DATABASE_URL)');
  const pg = await startPostgres(bin);
  project.provide('pgUrl', pg.url);
  return () => pg.stop();
}
