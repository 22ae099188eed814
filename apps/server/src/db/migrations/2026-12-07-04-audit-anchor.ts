import { sql, type Kysely } from 'kysely';

/**
 * The audit chain's signed anchor (audit/anchor.ts): one row naming the head of the chain (seq and hash)
 * with an HMAC whose key is never stored in the database, so that removing the last events is detected.
 * `at` is the ISO text that was signed. Frozen: a later change to the schema is a new migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_anchor (
      id smallint primary key check (id = 1),
      seq bigint not null,
      head text not null,
      at text not null,
      mac text not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_anchor`.execute(db);
}
