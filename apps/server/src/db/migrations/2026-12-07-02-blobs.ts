import { sql, type Kysely } from 'kysely';

/**
 * Uploaded files readable from every instance: the blob's bytes move into the database (the default
 * blob store; an S3-compatible store leaves `content` null and keeps only the row), and an attachment
 * records the active content found in its PDF (JavaScript, launch or automatic actions) for officers.
 * `content` is null for a blob whose bytes are elsewhere (the S3 store, or an install's old data folder
 * until it is copied in at start).
 * Frozen: a later change to the schema is a new migration, never an edit here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table blobs add column content bytea;
    alter table blobs alter column mime set default 'application/octet-stream';
    alter table application_attachments add column active_content text[] not null default '{}';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table application_attachments drop column active_content;
    alter table blobs alter column mime drop default;
    alter table blobs drop column content;
  `.execute(db);
}
