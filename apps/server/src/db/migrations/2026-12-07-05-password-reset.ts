import { sql, type Kysely } from 'kysely';

/**
 * Password reset by a mailed one-time link, and sign-in failures of e-mails that have no account.
 * - password_resets: the link's token is stored only as its SHA-256; a row works once (used_at) and
 *   until expires_at; a newer request or a completed reset ends the others (revoked_at).
 * - login_throttle: failed sign-ins of an address without an account are counted and locked exactly
 *   like an account's (users.failed_logins / locked_until), so the answers never tell the two apart.
 *   Keyed by the SHA-256 of the lower-cased address: the table does not collect typed addresses.
 * Frozen: a later change to the schema is a new migration, never an edit here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table password_resets (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id),
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      revoked_at timestamptz
    );
  `.execute(db);
  await sql`create index password_resets_user on password_resets (user_id) where used_at is null and revoked_at is null`.execute(db);
  await sql`
    create table login_throttle (
      email_hash text primary key,
      failed_logins int not null default 0,
      locked_until timestamptz,
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table login_throttle`.execute(db);
  await sql`drop table password_resets`.execute(db);
}
