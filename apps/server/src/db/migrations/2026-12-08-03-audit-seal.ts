import { sql, type Kysely } from 'kysely';

/**
 * Audit events are written unsealed by the transaction of their change (no chain lock on the request
 * path) and sealed afterwards, in batches, by the sealer (audit/sealer.ts): it gives each the next `seq`,
 * links it to the previous hash and hashes it. `id` orders events by insertion until they are sealed;
 * `seq`, `prev_hash` and `hash` stay null until then. Frozen: a later change is a new migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table audit_events drop constraint audit_events_pkey;
    alter table audit_events add column id bigint generated always as identity;
    alter table audit_events add constraint audit_events_pkey primary key (id);
    alter table audit_events alter column seq drop not null;
    alter table audit_events add constraint audit_events_seq_key unique (seq);
    alter table audit_events alter column prev_hash drop not null;
    alter table audit_events alter column hash drop not null;
    create index audit_events_unsealed_idx on audit_events (id) where seq is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from audit_events where seq is null;
    drop index audit_events_unsealed_idx;
    alter table audit_events drop constraint audit_events_pkey;
    alter table audit_events drop constraint audit_events_seq_key;
    alter table audit_events drop column id;
    alter table audit_events alter column seq set not null;
    alter table audit_events alter column prev_hash set not null;
    alter table audit_events alter column hash set not null;
    alter table audit_events add constraint audit_events_pkey primary key (seq);
  `.execute(db);
}
