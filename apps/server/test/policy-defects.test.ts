import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';
import { completeForm, multipart, nationalApplication, nationalProject, pdf, seedFields, seedPlanAndCalls } from './support/tracks.js';

/** The policy defects found when the API was tried as a real client (issue 15): 3.2.b, 3.3.c, 3.3.e. */

const h = await startHarness();
const db = h.deps.db;
// The harness clock reads 2026-03-02 (Asia/Shanghai); the calls are open from 2026-02-01 to 2026-04-30.
await seedFields(db);
const { calls } = await seedPlanAndCalls(db);
// A call of the NEXT year's plan, already open (units submit in 2026 to the 2027 plan).
const { calls: next } = await seedPlanAndCalls(db, { year: 2027 });

async function signIn(orgId: string) {
  const u = await createUser(db, { roles: ['unit_admin'], orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}

async function eligibleOrg() {
  const org = await createOrg(db);
  await db
    .updateTable('organisations')
    .set({
      above_designated_size: true,
      above_designated_size_year: 2025,
      hnte_cert_no: 'GR202444000001',
      hnte_valid_from: '2024-12-01',
      hnte_valid_to: '2027-11-30',
    })
    .where('id', '=', org.id)
    .execute();
  return org;
}

function codes(res: { body: { details?: { rules?: string[] } } }) {
  return res.body.details?.rules ?? [];
}

type Rule = { code: string; outcome: string; blocking: boolean; message: { zh: string; en: string }; facts: Record<string, unknown> };

describe('3.2.b: choosing a national application the unit took part in but did not lead', () => {
  it('is refused citing 3.2.b, on create and on save, with the record as the unit knows it', async () => {
    const leader = await eligibleOrg();
    const partner = await eligibleOrg();
    const n = await nationalApplication(db, { leadOrgId: leader.id, leadUscc: leader.uscc });
    // The partner is a linked participating unit of the record (as the import and the matching leave it).
    await db
      .insertInto('national_units')
      .values({
        record_kind: 'application',
        national_id: n.national_id,
        position: 1,
        role: 'participant',
        uscc: partner.uscc,
        name: partner.name,
        name_norm: partner.name,
        org_id: partner.id,
        match_method: 'uscc',
        match_confidence: 1,
        match_status: 'matched',
      })
      .execute();
    const unit = await signIn(partner.id);
    const res = await unit.post('/api/applications', { callId: calls.backfill, clientKey: randomUUID(), nationalApplicationId: n.id });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('rule_failed');
    expect(codes(res)).toEqual(['3.2.b']);
    expect(res.body.details.path).toBe('body.nationalApplicationId');
    expect(res.body.details.tookPart).toBe(true);
    const result = res.body.details.results[0] as Rule;
    expect(result.message.zh).toBe('不符合 3.2.b：上一年度须为国家重点研发计划项目第一申报单位');
    expect(result.message.en).toBe('Fails 3.2.b: the applicant must have been the first applicant unit');
    expect(result.facts).toMatchObject({ nationalId: n.national_id, applicantUscc: partner.uscc, leadUscc: leader.uscc });
    expect(await db.selectFrom('applications').select('id').where('org_id', '=', partner.id).execute()).toEqual([]);
    // The unit's list shows the record as one it took part in (the form shows it disabled, citing 3.2.b).
    const list = await unit.get('/api/national/applications?pageSize=200');
    expect(list.body.items.map((i: { id: string; unitRole: string }) => [i.id, i.unitRole])).toEqual([[n.id, 'participant']]);

    // Saving a draft that switches to the record is refused the same way.
    const own = await nationalApplication(db, { leadOrgId: partner.id });
    const created = await unit.post('/api/applications', {
      callId: calls.backfill,
      clientKey: randomUUID(),
      nationalApplicationId: own.id,
    });
    expect(created.status).toBe(201);
    const saved = await unit.put(`/api/applications/${created.body.id}/draft`, {
      version: created.body.version,
      form: completeForm(),
      nationalApplicationId: n.id,
    });
    expect([saved.status, codes(saved)]).toEqual([422, ['3.2.b']]);
    const row = await db.selectFrom('applications').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect([row.national_application_id, row.version]).toEqual([own.id, created.body.version]);
  });

  it('recognises a participant named only by its credit code in the record', async () => {
    const partner = await eligibleOrg();
    const n = await nationalApplication(db, { leadOrgId: null, leadUscc: '91440101MA5CXXXX0X' });
    await db
      .updateTable('national_applications')
      .set({ participants: JSON.stringify([{ uscc: partner.uscc, name: partner.name }]) })
      .where('id', '=', n.id)
      .execute();
    const unit = await signIn(partner.id);
    const res = await unit.post('/api/applications', { callId: calls.backfill, clientKey: randomUUID(), nationalApplicationId: n.id });
    expect([res.status, codes(res), res.body.details.tookPart]).toEqual([422, ['3.2.b'], true]);
  });

  it('an unknown record is bad input, not a rule', async () => {
    const unit = await signIn((await eligibleOrg()).id);
    const res = await unit.post('/api/applications', {
      callId: calls.backfill,
      clientKey: randomUUID(),
      nationalApplicationId: randomUUID(),
    });
    expect([res.status, res.body.code, res.body.details[0].path]).toEqual([400, 'validation_failed', 'body.nationalApplicationId']);
  });
});

async function attach(c: ReturnType<typeof h.client>, id: string, key: string) {
  const m = multipart(`${key}.pdf`, pdf());
  return c.request('POST', `/api/applications/${id}/attachments?materialKey=${key}`, m.body, m.headers);
}

async function continuation(c: ReturnType<typeof h.client>, callId: string, projectId: string, city = 0) {
  const created = await c.post('/api/applications', { callId, clientKey: randomUUID(), nationalProjectId: projectId });
  expect(created.status).toBe(201);
  const saved = await c.put(`/api/applications/${created.body.id}/draft`, {
    version: created.body.version,
    form: completeForm({
      implementationPlan: '在黄埔建设中试线',
      plannedInvestment: 8_000_000,
      budget: [{ category: 'equipment', city, self: 8_000_000, other: 0 }],
    }),
  });
  expect(saved.status).toBe(200);
  return (await attach(c, saved.body.id, 'agreement')).body as { id: string; version: number; rules: Rule[] };
}

describe('3.3.e: a continuation budget asking for city funds', () => {
  it('is refused at submission citing 3.3.e, and the rule says why while drafting', async () => {
    const org = await eligibleOrg();
    const unit = await signIn(org.id);
    const view = await continuation(unit, calls.continuation, (await nationalProject(db)).id, 500_000);
    const e = view.rules.find((r) => r.code === '3.3.e')!;
    expect([e.outcome, e.blocking]).toEqual(['fail', true]);
    expect(e.message.zh).toContain('预算申请了市财政经费 50 万元');
    expect(e.message.zh).toContain('由市科技局核实落地实施情况后确定');
    const res = await unit.post(`/api/applications/${view.id}/submit`, { version: view.version });
    expect([res.status, codes(res)]).toEqual([422, ['3.3.e']]);
    expect((await db.selectFrom('applications').select('status').where('id', '=', view.id).executeTakeFirstOrThrow()).status).toBe('draft');

    // The same application without city funds submits (3.3.e waits for the verification).
    const zero = await continuation(unit, calls.continuation, (await nationalProject(db)).id, 0);
    expect(zero.rules.find((r) => r.code === '3.3.e')!.outcome).toBe('needs_review');
    const ok = await unit.post(`/api/applications/${zero.id}/submit`, { version: zero.version });
    expect(ok.status).toBe(200);
    expect(ok.body.cityFunds ?? 0).toBe(0);
  });
});

describe('3.3.c: acceptance year ≥ plan year − 3 (the plan year, not the submission day’s year)', () => {
  async function verdict(callId: string, acceptanceDate: string) {
    const org = await eligibleOrg();
    const unit = await signIn(org.id);
    const view = await continuation(unit, callId, (await nationalProject(db, { acceptanceDate })).id);
    const res = await unit.post(`/api/applications/${view.id}/submit`, { version: view.version });
    return { rule: view.rules.find((r) => r.code === '3.3.c')!, status: res.status, codes: codes(res) };
  }

  it('2026 plan: accepted 2023-01-01 passes, 2022-12-31 is refused citing 3.3.c', async () => {
    const inside = await verdict(calls.continuation, '2023-01-01');
    expect([inside.rule.outcome, inside.status]).toEqual(['pass', 200]);
    expect(inside.rule.facts).toMatchObject({ applicationYear: 2026, earliestYear: 2023 });
    const outside = await verdict(calls.continuation, '2022-12-31');
    expect([outside.rule.outcome, outside.status, outside.codes]).toEqual(['fail', 422, ['3.3.c']]);
    expect(outside.rule.message.zh).toBe('不符合 3.3.c：2022-12-31 通过验收，验收年度须不早于 2026 年度计划前 3 年（2023 年）');
  });

  it('2027 plan submitted in 2026: the line is 2024 — 2024-01-01 passes, 2023-12-31 is refused', async () => {
    const inside = await verdict(next.continuation, '2024-01-01');
    expect([inside.rule.outcome, inside.status]).toEqual(['pass', 200]);
    expect(inside.rule.facts).toMatchObject({ applicationYear: 2027, earliestYear: 2024 });
    // Read by the submission day's year (2026 − 3 = 2023) this one would pass.
    const outside = await verdict(next.continuation, '2023-12-31');
    expect([outside.rule.outcome, outside.status, outside.codes]).toEqual(['fail', 422, ['3.3.c']]);
  });
});
