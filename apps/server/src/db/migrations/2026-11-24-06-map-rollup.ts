import type { Kysely } from 'kysely';

/** Roll-ups of the map's derived tables (issue 4, map-query p95). Filled by the map work. */
export async function up(_db: Kysely<unknown>): Promise<void> {
  // Tables are added here.
}

export async function down(_db: Kysely<unknown>): Promise<void> {
  // Tables are dropped here.
}
