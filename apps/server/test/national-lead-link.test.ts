import { makeUscc, normaliseOrgName } from '@rdplan/domain';
import { describe, expect, it } from 'vitest';
import { matchNationalUnits } from '../src/commands/national/match-units.js';
import { reviewMatch } from '../src/commands/national/review-match.js';
import type { Actor } from '../src/context.js';
import { createUser } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

/** A record's lead follows the matching of its lead unit, so that 3.2 / 3.3 read the unit's own records. */
const h = await startHarness();
const db = h.deps.db;

async function org(body: string, name: string) {
  return db
    .insertInto('organisations')
    .values({
      uscc: makeUscc('9', '1', '440106', body),
      name,
      type: 'enterprise',
      region_code: '440106',
      address: null,
      former_names: '[]',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
const byName = await org('MA5LL001', '广州青松光电科技有限公司');
const byCode = await org('MA5LL002', '广州远帆材料科技有限公司');

async function record(nationalId: string, lead: { name: string; uscc: string | null }) {
  await db
    .insertInto('national_applications')
    .values({
      national_id: nationalId,
      year: 2025,
      programme: '"新型显示与战略性电子材料"重点专项',
      direction: '新型显示材料',
      field_code: 'F01.02',
      title: `测试记录 ${nationalId}`,
      lead_uscc: lead.uscc,
      lead_name: lead.name,
      lead_org_id: null,
      stage: 'final_defence',
      outcome: 'not_approved',
    })
    .execute();
  const row = await db
    .insertInto('national_units')
    .values({
      record_kind: 'application',
      national_id: nationalId,
      position: 0,
      role: 'lead',
      uscc: lead.uscc,
      name: lead.name,
      name_norm: normaliseOrgName(lead.name),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
const nameUnit = await record('2025YFB9000001', { name: '广州青松光电科技有限公司　', uscc: null });
await record('2025YFB9000002', { name: '写法完全不同', uscc: byCode.uscc });
await record('2025YFB9000003', { name: '杭州某某研究院', uscc: null });

const leadOf = async (nationalId: string) =>
  (await db.selectFrom('national_applications').select('lead_org_id').where('national_id', '=', nationalId).executeTakeFirstOrThrow())
    .lead_org_id;

describe("a national record's lead follows the matching", () => {
  it('links the lead by credit code first, else by the matched name; an unmatched lead links nothing', async () => {
    await matchNationalUnits(db);
    expect(await leadOf('2025YFB9000001')).toBe(byName.id);
    expect(await leadOf('2025YFB9000002')).toBe(byCode.id);
    expect(await leadOf('2025YFB9000003')).toBeNull();
  });

  it("an analyst's rejection unlinks the record", async () => {
    const u = await createUser(db, { roles: ['analyst'] });
    const actor: Actor = { userId: u.id, label: u.email, roles: ['analyst'], orgId: null, personId: null };
    await reviewMatch(h.deps, actor, nameUnit, { decision: 'reject', reason: '不是同一家单位' });
    expect(await leadOf('2025YFB9000001')).toBeNull();
  });
});
