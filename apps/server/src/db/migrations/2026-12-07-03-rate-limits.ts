import { sql, type Kysely } from 'kysely';

/**
 * Rate-limit counters shared by every app instance (issue 10): one row per key (policy, route, client
 * address) and fixed time window, incremented by an atomic upsert. Expired rows are deleted as new
 * windows open. Frozen: a later change to the schema is a new migration, never an edit here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rate_limits (
      key text not null,
      window_start timestamptz not null,
      expires_at timestamptz not null,
      hits int not null check (hits > 0),
      primary key (key, window_start)
    );
    create index rate_limits_expires_at on rate_limits (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table rate_limits`.execute(db);
}
