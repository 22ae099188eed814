import { sql, type Kysely } from 'kysely';

/**
 * Per-field allotments of a plan's selection (3.2.g, 分领域组织遴选): the budget and / or the number of
 * projects an officer sets aside for one field before choosing the funded set.
 * Frozen: a later change to the schema is a new migration, never an edit here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table selection_field_budgets (
      plan_id uuid not null references plans(id),
      field_code text not null,
      budget bigint check (budget >= 0),
      max_projects int check (max_projects >= 0),
      reason text not null check (length(reason) > 0),
      set_by uuid references users(id),
      set_at timestamptz not null default now(),
      primary key (plan_id, field_code),
      check (budget is not null or max_projects is not null)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table selection_field_budgets`.execute(db);
}
