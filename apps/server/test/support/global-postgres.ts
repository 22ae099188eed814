import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openDatabase } from '../../src/db/database.js';
import { findPostgresBin, startPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    /** A migrated database on that server that test databases are copied from (CREATE DATABASE … TEMPLATE). */
    pgTemplate: string;
  }
}

/**
 * Vitest global setup of the PostgreSQL project: DATABASE_URL when given, else a server of our own; and,
 * once per run, a migrated template database that every test database is a copy of.
 */
export default async function setup(project: TestProject) {
  let url = process.env.DATABASE_URL;
  let stopServer: (() => Promise<void>) | null = null;
  if (!url) {
    const bin = findPostgresBin();
    if (!bin) throw new Error('PostgreSQL binaries not found (install postgresql, or set PG_BIN or DATABASE_URL)');
    const server = await startPostgres(bin);
    url = server.url;
    stopServer = () => server.stop();
  }
  project.provide('pgUrl', url);

  const template = `rdplan_template_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${template}`);
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${template}`;
  const database = await openDatabase({ url: templateUrl.toString() });
  try {
    await migrate(database.db);
  } finally {
    // No connection may stay open to a template while it is copied.
    await database.close();
  }
  project.provide('pgTemplate', template);

  return async () => {
    await admin(`drop database if exists ${template} with (force)`).catch(() => undefined);
    await stopServer?.();
  };
}
