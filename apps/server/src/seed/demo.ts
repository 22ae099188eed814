import type { Role } from '@rdplan/domain';
import { CHAIN_DEFS, demoUsers, generateRegistry, type GenerateOptions } from '@rdplan/demo';
import { appendAudit } from '../audit/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { seedBuiltinCalendar } from '../commands/reference/seed-builtin-calendar.js';
import { systemActor, type Deps } from '../context.js';
import type { Tx } from '../db/database.js';
import { seedDemoTracks } from './demo-tracks.js';
import { seedDemoFollowups } from './demo-followups.js';
import { seedDemoNational } from './demo-national.js';
import { seedDemoNotice } from './demo-notice.js';
import { seedDemoReview } from './demo-review.js';
import { seedDemoWorkplan } from './demo-workplan.js';

const CALENDAR_YEARS = [2024, 2025, 2026];

async function insertInChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export interface SeedResult {
  seeded: boolean;
  organisations: number;
  people: number;
  users: number;
}

/**
 * Loads the deterministic demo registry (21 chains, fields, ~2,000 organisations with their control
 * graph, researchers and experts, one account per role) in one transaction, after the working-day calendar.
 * Does nothing when the registry already has organisations, so a restart keeps what users changed.
 */
export async function seedDemo(deps: Deps, options: GenerateOptions = {}): Promise<SeedResult> {
  // The calendar comes first and on its own: it is idempotent, so a restart completes it if needed.
  await seedBuiltinCalendar(deps, systemActor('seed'), CALENDAR_YEARS);
  const existing = await deps.db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return { seeded: false, organisations: Number(existing.n), people: 0, users: 0 };
  const registry = generateRegistry(options);
  const users = demoUsers(registry);
  const hashes = await Promise.all(users.map((u) => hashPassword(u.password)));

  await deps.db.transaction().execute(async (tx: Tx) => {
    const now = deps.clock.now();
    await insertInChunks(registry.organisations, 500, (chunk) =>
      tx
        .insertInto('organisations')
        .values(
          chunk.map((o) => ({
            uscc: o.uscc,
            name: o.name,
            type: o.type,
            region_code: o.regionCode,
            address: o.address,
            above_designated_size: o.aboveDesignatedSize,
            above_designated_size_year: o.aboveDesignatedSizeYear,
            hnte_cert_no: o.hnteCertNo,
            hnte_valid_from: o.hnteValidFrom,
            hnte_valid_to: o.hnteValidTo,
            tech_sme: o.techSme,
            tech_sme_year: o.techSmeYear,
            former_names: JSON.stringify(o.formerNames),
          })),
        )
        .execute(),
    );
    const orgIds = new Map((await tx.selectFrom('organisations').select(['id', 'uscc']).execute()).map((r) => [r.uscc, r.id] as const));
    const org = (uscc: string) => {
      const id = orgIds.get(uscc);
      if (!id) throw new Error(`demo data refers to unknown organisation ${uscc}`);
      return id;
    };
    await insertInChunks(registry.controlEdges, 500, (chunk) =>
      tx
        .insertInto('control_edges')
        .values(
          chunk.map((e) => ({
            parent_id: org(e.parentUscc),
            child_id: org(e.childUscc),
            share_pct: e.sharePct === null ? null : String(e.sharePct),
          })),
        )
        .execute(),
    );
    for (const chain of registry.chains) {
      const row = await tx
        .insertInto('chains')
        .values({
          code: chain.code,
          name_zh: chain.nameZh,
          name_en: chain.nameEn,
          field_codes: CHAIN_DEFS.filter((d) => d.code === chain.code).map((d) => d.field),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (chain.leaderUsccs.length > 0) {
        await tx
          .insertInto('chain_leaders')
          .values(chain.leaderUsccs.map((u) => ({ chain_id: row.id, org_id: org(u) })))
          .execute();
      }
    }
    const fieldIds = new Map<string, string>();
    for (const f of [...registry.fields].sort((a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null))) {
      const row = await tx
        .insertInto('fields')
        .values({ code: f.code, name_zh: f.nameZh, name_en: f.nameEn, parent_id: f.parentCode ? fieldIds.get(f.parentCode)! : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      fieldIds.set(f.code, row.id);
    }
    await insertInChunks(registry.people, 500, (chunk) =>
      tx
        .insertInto('people')
        .values(
          chunk.map((p) => ({
            key: p.key,
            name: p.name,
            email: p.email,
            title_level: p.titleLevel,
            title_name: p.titleName,
            field_codes: p.fieldCodes,
            keywords: p.keywords,
            is_expert: p.isExpert,
          })),
        )
        .execute(),
    );
    const personIds = new Map((await tx.selectFrom('people').select(['id', 'key']).execute()).map((r) => [r.key, r.id] as const));
    const affiliations = registry.people.flatMap((p) =>
      p.affiliations.map((a) => ({
        person_id: personIds.get(p.key)!,
        org_id: org(a.uscc),
        position: a.position,
        from_date: a.from,
        to_date: a.to,
      })),
    );
    await insertInChunks(affiliations, 500, (chunk) => tx.insertInto('affiliations').values(chunk).execute());
    await tx
      .insertInto('users')
      .values(
        users.map((u, i) => ({
          email: u.email,
          name: u.name,
          password_hash: hashes[i]!,
          roles: [u.role as Role],
          org_id: u.orgUscc ? org(u.orgUscc) : null,
          person_id: u.personKey ? personIds.get(u.personKey)! : null,
          status: 'active' as const,
          password_changed_at: now,
        })),
      )
      .execute();
    await appendAudit(tx, systemActor('seed'), now, {
      action: 'demo.seed',
      entityType: 'registry',
      entityId: null,
      after: {
        organisations: registry.organisations.length,
        controlEdges: registry.controlEdges.length,
        chains: registry.chains.length,
        fields: registry.fields.length,
        people: registry.people.length,
        users: users.length,
        calendarYears: CALENDAR_YEARS,
      },
      reason: 'deterministic demo data',
    });
  });
  await seedDemoTracks(deps);
  await seedDemoWorkplan(deps);
  await seedDemoFollowups(deps);
  await seedDemoNational(deps, registry);
  await seedDemoReview(deps);
  await seedDemoNotice(deps);
  return { seeded: true, organisations: registry.organisations.length, people: registry.people.length, users: users.length };
}
