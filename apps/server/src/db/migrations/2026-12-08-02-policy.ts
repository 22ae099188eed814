import { sql, type Kysely } from 'kysely';

/**
 * The audit trail readable by administrators (issue 15): indexes for the filters of the audit and
 * security event pages — by actor, by action, by time — each ordered as the pages list them (newest
 * first). The entity's history uses the foundation's (entity_type, entity_id) index. Frozen: a later
 * change is a new migration, never an edit here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index audit_events_actor_idx on audit_events (actor_id, seq);
    create index audit_events_action_idx on audit_events (action, seq);
    create index audit_events_at_idx on audit_events (at);
    create index security_events_at_idx on security_events (at, id);
    create index security_events_kind_idx on security_events (kind, at);
    create index security_events_user_idx on security_events (user_id, at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index audit_events_actor_idx, audit_events_action_idx, audit_events_at_idx,
      security_events_at_idx, security_events_kind_idx, security_events_user_idx;
  `.execute(db);
}
