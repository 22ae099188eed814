import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';
import {
  CHECKLIST,
  completeForm,
  multipart,
  nationalApplication,
  nationalProject,
  pdf,
  seedFields,
  seedPlanAndCalls,
} from './support/tracks.js';

const h = await startHarness();
const db = h.deps.db;
// The harness clock reads 2026-03-02 (Asia/Shanghai); the calls are open from 2026-02-01 to 2026-04-30.

await seedFields(db);
const { calls } = await seedPlanAndCalls(db);

async function signIn(roles: Parameters<typeof createUser>[1]['roles'], orgId: string | null = null) {
  const u = await createUser(db, { roles, orgId });
  const c = h.client();
  expect((await c.login(u.email, PASSWORD)).status).toBe(200);
  return c;
}

/** A Guangzhou enterprise, 规上, with a high-tech certificate valid today. */
async function eligibleOrg(name?: string) {
  const org = await createOrg(db, { name });
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

const officer = await signIn(['officer']);

async function countAudit(action: string, entityId: string) {
  const r = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .where('entity_id', '=', entityId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function attach(c: ReturnType<typeof h.client>, id: string, key: string, content = pdf()) {
  const m = multipart(`${key}.pdf`, content);
  return c.request('POST', `/api/applications/${id}/attachments?materialKey=${key}`, m.body, m.headers);
}

/** Creates, fills and attaches; returns the view. */
async function readyBackfill(c: ReturnType<typeof h.client>, nationalId: string, form = completeForm()) {
  const created = await c.post('/api/applications', { callId: calls.backfill, clientKey: randomUUID(), nationalApplicationId: nationalId });
  expect(created.status).toBe(201);
  const saved = await c.put(`/api/applications/${created.body.id}/draft`, { version: created.body.version, form });
  expect(saved.status).toBe(200);
  const withFile = await attach(c, created.body.id, 'proposal');
  expect(withFile.status).toBe(200);
  return withFile.body;
}

function codes(res: { body: { details?: { rules?: string[] } } }) {
  return res.body.details?.rules ?? [];
}

describe('track 3.2 backfill: from draft to the formal check', () => {
  it('prefills from the national record, autosaves with versions, submits once, and is checked', async () => {
    const org = await eligibleOrg('广州递补一号科技有限公司');
    const unit = await signIn(['unit_admin'], org.id);
    const n = await nationalApplication(db, { leadOrgId: org.id });
    const clientKey = randomUUID();
    const first = await unit.post('/api/applications', { callId: calls.backfill, clientKey, nationalApplicationId: n.id });
    expect(first.status).toBe(201);
    // A retried create (same clientKey) returns the same draft.
    const again = await unit.post('/api/applications', { callId: calls.backfill, clientKey, nationalApplicationId: n.id });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const view = first.body;
    expect(view.form.title).toBe(n.title);
    expect(view.form.direction).toBe(n.direction);
    expect(view.locked.find((l: { key: string }) => l.key === 'national.stage').value).toBe('final_defence');
    expect(view.prefilledFields).toContain('applicant.uscc');
    expect(view.rules.map((r: { code: string }) => r.code)).toEqual([
      '3.2.a',
      '3.2.b',
      '3.2.c',
      '3.2.d',
      '3.2.e',
      '3.2.f',
      '3.2.g',
      '3.2.h',
      '3.2.i',
    ]);

    // Submitting an incomplete draft: 3.2.h fails (no budget yet) → 422 naming it, nothing stored.
    const early = await unit.post(`/api/applications/${view.id}/submit`, { version: view.version });
    expect(early.status).toBe(422);
    expect(codes(early)).toEqual(['3.2.h']);
    expect((await db.selectFrom('applications').select('status').where('id', '=', view.id).executeTakeFirstOrThrow()).status).toBe('draft');

    // Autosave; a stale version is refused.
    const saved = await unit.put(`/api/applications/${view.id}/draft`, { version: view.version, form: completeForm() });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(view.version + 1);
    const stale = await unit.put(`/api/applications/${view.id}/draft`, { version: view.version, form: completeForm({ title: 'x' }) });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict');

    // Rules pass now, but the required material is missing → 400 naming it.
    const missing = await unit.post(`/api/applications/${view.id}/submit`, { version: saved.body.version });
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d: { path: string }) => d.path)).toEqual(['attachments.proposal']);

    const attached = await attach(unit, view.id, 'proposal');
    expect(attached.status).toBe(200);
    const download = await unit.get(`/api/applications/${view.id}/attachments/${attached.body.attachments[0].id}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(
      Buffer.from(download.body as string, 'latin1')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const submitted = await unit.post(`/api/applications/${view.id}/submit`, { version: attached.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.round).toBe(1);
    // A retried submit answers the same and makes nothing new.
    const retried = await unit.post(`/api/applications/${view.id}/submit`, { version: attached.body.version });
    expect(retried.status).toBe(200);
    expect(retried.body.round).toBe(1);
    expect(await countAudit('application.submit', view.id)).toBe(1);
    expect((await unit.get('/api/applications')).body.total).toBe(1);
    // Submitted: no more edits.
    expect((await unit.put(`/api/applications/${view.id}/draft`, { version: submitted.body.version, form: completeForm() })).status).toBe(
      409,
    );

    // Formal check: 3.2.e needs the officer's comparison of field and direction before a pass.
    const checklist = CHECKLIST.map((c) => ({ key: c.key, ok: true, note: '' }));
    const blocked = await officer.post(`/api/applications/${view.id}/formal-check`, { decision: 'pass', checklist });
    expect(blocked.status).toBe(422);
    expect(codes(blocked)).toEqual(['3.2.e']);
    // Returned for revision with a comment; the applicant edits and resubmits.
    const noComment = await officer.post(`/api/applications/${view.id}/formal-check`, { decision: 'return', checklist });
    expect(noComment.status).toBe(400);
    expect(noComment.body.details[0].path).toBe('body.comment');
    const returned = await officer.post(`/api/applications/${view.id}/formal-check`, {
      decision: 'return',
      checklist: [
        { key: 'complete', ok: true, note: '' },
        { key: 'signed', ok: false, note: '承诺书未盖章' },
      ],
      comment: '请补充盖章的承诺书',
    });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');
    const mine = await unit.get(`/api/applications/${view.id}`);
    expect(mine.body.checks[0].comment).toBe('请补充盖章的承诺书');
    expect(mine.body.canEdit).toBe(true);
    const revised = await attach(unit, view.id, 'pledge');
    const resubmitted = await unit.post(`/api/applications/${view.id}/submit`, { version: revised.body.version });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.round).toBe(2);
    expect(await countAudit('application.resubmit', view.id)).toBe(1);

    const confirm = await officer.post(`/api/applications/${view.id}/rule-decisions`, {
      code: '3.2.e',
      kind: 'confirm',
      reason: '拟申报方向为原指南方向的子方向',
    });
    expect(confirm.status).toBe(200);
    const e = confirm.body.rules.find((r: { code: string }) => r.code === '3.2.e');
    expect(e.outcome).toBe('pass');
    expect(e.decision.reason).toBe('拟申报方向为原指南方向的子方向');
    const passed = await officer.post(`/api/applications/${view.id}/formal-check`, { decision: 'pass', checklist });
    expect(passed.status).toBe(200);
    expect(passed.body.status).toBe('formal_passed');
    expect(passed.body.checks.map((c: { decision: string; round: number }) => [c.decision, c.round])).toEqual([
      ['return', 1],
      ['pass', 2],
    ]);
    expect(await countAudit('application.rule_confirm', view.id)).toBe(1);
    expect(await countAudit('application.formal_pass', view.id)).toBe(1);
  });

  it('refuses each ineligible case with its rule code', async () => {
    const cases: [string, (orgId: string) => Promise<{ id: string }>, Record<string, unknown>, string[]][] = [
      ['approved nationally', (o) => nationalApplication(db, { leadOrgId: o, outcome: 'approved' }), {}, ['3.2.d']],
      ['stopped at the first round', (o) => nationalApplication(db, { leadOrgId: o, stage: 'first_round' }), {}, ['3.2.c']],
      ['two years back', (o) => nationalApplication(db, { leadOrgId: o, year: 2024 }), {}, ['3.2.b']],
      ['another field', (o) => nationalApplication(db, { leadOrgId: o }), { fieldCode: 'F02.01' }, ['3.2.e']],
      [
        'wrong amount',
        (o) => nationalApplication(db, { leadOrgId: o }),
        { budget: [{ category: 'equipment', city: 1_200_000, self: 0, other: 0 }] },
        ['3.2.h'],
      ],
    ];
    for (const [label, makeNational, formOver, expected] of cases) {
      const org = await eligibleOrg();
      const unit = await signIn(['unit_admin'], org.id);
      const n = await makeNational(org.id);
      const view = await readyBackfill(unit, n.id, completeForm(formOver));
      const res = await unit.post(`/api/applications/${view.id}/submit`, { version: view.version });
      expect([label, res.status, codes(res)]).toEqual([label, 422, expected]);
      expect(res.body.details.results[0].message.zh).toMatch(new RegExp(`^不符合 ${expected[0]!.replace(/\./g, '\\.')}：`));
    }
    // 3.2.a: a university may not apply under 3.2.
    const uni = await createOrg(db, { type: 'university' });
    const uniUser = await signIn(['unit_admin'], uni.id);
    const n = await nationalApplication(db, { leadOrgId: uni.id });
    const view = await readyBackfill(uniUser, n.id);
    const res = await uniUser.post(`/api/applications/${view.id}/submit`, { version: view.version });
    expect(codes(res)).toEqual(['3.2.a']);
  });

  it('3.2.i: a second application of the unit in the year blocks unless an officer overrides with a reason', async () => {
    const org = await eligibleOrg();
    const unit = await signIn(['unit_admin'], org.id);
    const first = await readyBackfill(unit, (await nationalApplication(db, { leadOrgId: org.id })).id);
    expect((await unit.post(`/api/applications/${first.id}/submit`, { version: first.version })).status).toBe(200);
    const second = await readyBackfill(unit, (await nationalApplication(db, { leadOrgId: org.id })).id);
    const refused = await unit.post(`/api/applications/${second.id}/submit`, { version: second.version });
    expect(codes(refused)).toEqual(['3.2.i']);
    expect(refused.body.details.results[0].facts.others).toHaveLength(1);
    // An override needs a reason and only applies to in-principle rules.
    expect(
      (await officer.post(`/api/applications/${second.id}/rule-decisions`, { code: '3.2.i', kind: 'override', reason: '' })).status,
    ).toBe(400);
    const notInPrinciple = await officer.post(`/api/applications/${second.id}/rule-decisions`, {
      code: '3.2.a',
      kind: 'override',
      reason: '理由理由理由',
    });
    expect(notInPrinciple.status).toBe(400);
    const unitTries = await unit.post(`/api/applications/${second.id}/rule-decisions`, {
      code: '3.2.i',
      kind: 'override',
      reason: '我们很重要',
    });
    expect(unitTries.status).toBe(403);
    const override = await officer.post(`/api/applications/${second.id}/rule-decisions`, {
      code: '3.2.i',
      kind: 'override',
      reason: '两项分属不同领域，经局务会同意',
    });
    expect(override.status).toBe(200);
    const shown = override.body.rules.find((r: { code: string }) => r.code === '3.2.i');
    expect([shown.outcome, shown.blocking, shown.decision.kind]).toEqual(['fail', false, 'override']);
    const fresh = await unit.get(`/api/applications/${second.id}`);
    expect((await unit.post(`/api/applications/${second.id}/submit`, { version: fresh.body.version })).status).toBe(200);
    const audit = await db
      .selectFrom('audit_events')
      .select(['reason'])
      .where('action', '=', 'application.rule_override')
      .where('entity_id', '=', second.id)
      .executeTakeFirstOrThrow();
    expect(audit.reason).toBe('两项分属不同领域，经局务会同意');
  });

  it('a unit can only choose a national application it led, and sees nobody else’s application', async () => {
    const mine = await eligibleOrg();
    const other = await eligibleOrg();
    const unit = await signIn(['unit_admin'], mine.id);
    const stranger = await signIn(['unit_member'], other.id);
    const theirs = await nationalApplication(db, { leadOrgId: other.id });
    const res = await unit.post('/api/applications', { callId: calls.backfill, clientKey: randomUUID(), nationalApplicationId: theirs.id });
    // 3.2.b: not its first applicant; a record it has no part in shows none of its facts.
    expect([res.status, codes(res), res.body.details.path]).toEqual([422, ['3.2.b'], 'body.nationalApplicationId']);
    expect(res.body.details.results[0].facts).toEqual({ applicantUscc: mine.uscc, applicationYear: 2026 });
    const view = await readyBackfill(unit, (await nationalApplication(db, { leadOrgId: mine.id })).id);
    const before = await db
      .selectFrom('security_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect((await stranger.get(`/api/applications/${view.id}`)).status).toBe(404);
    expect((await stranger.put(`/api/applications/${view.id}/draft`, { version: view.version, form: {} })).status).toBe(404);
    const after = await db
      .selectFrom('security_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 2);
    expect((await stranger.get('/api/applications')).body.items.map((i: { id: string }) => i.id)).not.toContain(view.id);
    // The public cannot read applications at all.
    expect((await h.client().get(`/api/applications/${view.id}`)).status).toBe(401);
  });

  it('participating units confirm in their own accounts before submission', async () => {
    const org = await eligibleOrg();
    const partner = await createOrg(db, { type: 'university' });
    const unit = await signIn(['unit_admin'], org.id);
    const partnerUser = await signIn(['unit_member'], partner.id);
    const view = await readyBackfill(unit, (await nationalApplication(db, { leadOrgId: org.id })).id);
    const withUnits = await unit.put(`/api/applications/${view.id}/units`, {
      version: view.version,
      units: [{ orgId: partner.id, role: '合作研发' }],
    });
    expect(withUnits.status).toBe(200);
    const blocked = await unit.post(`/api/applications/${view.id}/submit`, { version: withUnits.body.version });
    expect(blocked.status).toBe(400);
    expect(blocked.body.details[0].path).toBe(`units.${partner.id}`);
    const list = await partnerUser.get('/api/applications?participating=true');
    expect(list.body.items.map((i: { id: string; participation: string }) => [i.id, i.participation])).toEqual([[view.id, 'pending']]);
    expect((await partnerUser.put(`/api/applications/${view.id}/draft`, { version: withUnits.body.version, form: {} })).status).toBe(403);
    const confirmed = await partnerUser.post(`/api/applications/${view.id}/units/confirm`, { decision: 'confirm' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.units[0].confirmedAt).not.toBeNull();
    const fresh = await unit.get(`/api/applications/${view.id}`);
    expect((await unit.post(`/api/applications/${view.id}/submit`, { version: fresh.body.version })).status).toBe(200);
    expect(await countAudit('application.unit_confirm', view.id)).toBe(1);
  });

  it('attachments: PDF only, within the material’s size limit', async () => {
    const org = await eligibleOrg();
    const unit = await signIn(['unit_admin'], org.id);
    const created = await unit.post('/api/applications', {
      callId: calls.backfill,
      clientKey: randomUUID(),
      nationalApplicationId: (await nationalApplication(db, { leadOrgId: org.id })).id,
    });
    const id = created.body.id;
    expect((await attach(unit, id, 'proposal', Buffer.from('PK\u0003\u0004 not a pdf'))).status).toBe(415);
    expect((await attach(unit, id, 'proposal', Buffer.concat([pdf(), Buffer.alloc(1024 * 1024 + 10)]))).status).toBe(413);
    const unknown = await attach(unit, id, 'nonsense');
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0].path).toBe('querystring.materialKey');
    const ok = await attach(unit, id, 'proposal');
    expect(ok.body.attachments).toHaveLength(1);
    const replaced = await attach(unit, id, 'proposal', pdf('second version'));
    expect(replaced.body.attachments).toHaveLength(1);
    expect(replaced.body.attachments[0].sha256).not.toBe(ok.body.attachments[0].sha256);
    const removed = await unit.delete(`/api/applications/${id}/attachments/${replaced.body.attachments[0].id}`);
    expect(removed.body.attachments).toHaveLength(0);
  });

  it('the server clock decides whether the call is open', async () => {
    const org = await eligibleOrg();
    const early = await signIn(['unit_admin'], org.id);
    const view = await readyBackfill(early, (await nationalApplication(db, { leadOrgId: org.id })).id);
    const saved = h.clock.now();
    try {
      h.clock.set(new Date('2026-04-30T09:30:00Z')); // 17:30 in Shanghai: closed
      const unit = await signIn(['unit_admin'], org.id);
      const late = await unit.post(`/api/applications/${view.id}/submit`, { version: view.version });
      expect(late.status).toBe(409);
      expect(late.body.details.callState).toBe('closed');
      const create = await unit.post('/api/applications', {
        callId: calls.backfill,
        clientKey: randomUUID(),
        nationalApplicationId: (await nationalApplication(db, { leadOrgId: org.id })).id,
      });
      expect(create.status).toBe(409);
      h.clock.set(new Date('2026-04-30T09:29:59Z'));
      expect((await unit.post(`/api/applications/${view.id}/submit`, { version: view.version })).status).toBe(200);
    } finally {
      h.clock.set(saved);
    }
  });
});

describe('track 3.3 continuation', () => {
  async function ready(c: ReturnType<typeof h.client>, projectId: string) {
    const created = await c.post('/api/applications', {
      callId: calls.continuation,
      clientKey: randomUUID(),
      nationalProjectId: projectId,
    });
    expect(created.status).toBe(201);
    const saved = await c.put(`/api/applications/${created.body.id}/draft`, {
      version: created.body.version,
      form: completeForm({
        implementationPlan: '在黄埔建设中试线',
        plannedInvestment: 8_000_000,
        budget: [{ category: 'equipment', city: 0, self: 8_000_000, other: 0 }],
      }),
    });
    return (await attach(c, saved.body.id, 'agreement')).body;
  }

  it('decides 3.3.a–d from the registry and national records, and sets the amount only after verification', async () => {
    const org = await eligibleOrg();
    const unit = await signIn(['unit_admin'], org.id);
    const view = await ready(unit, (await nationalProject(db)).id);
    expect(view.rules.find((r: { code: string }) => r.code === '3.3.e').outcome).toBe('needs_review');
    const submitted = await unit.post(`/api/applications/${view.id}/submit`, { version: view.version });
    expect(submitted.status).toBe(200);
    const checklist = CHECKLIST.map((c) => ({ key: c.key, ok: true, note: '' }));
    expect((await officer.post(`/api/applications/${view.id}/formal-check`, { decision: 'pass', checklist })).status).toBe(200);
    const verified = await officer.post(`/api/applications/${view.id}/verify`, {
      investment: 12_345_678,
      output: 30_000_000,
      sales: 20_000_000,
      jobs: 45,
      comment: '现场核查',
    });
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('verified');
    // 20 % of 12,345,678 = 2,469,135.6 → capped at 2,000,000.
    expect(verified.body.amount).toBe(2_000_000);
    const e = verified.body.rules.find((r: { code: string }) => r.code === '3.3.e');
    expect([e.outcome, e.facts.amount]).toEqual(['pass', 2_000_000]);
  });

  it('refuses each ineligible case with its rule code', async () => {
    const base = await eligibleOrg();
    const unit = await signIn(['unit_admin'], base.id);
    for (const [label, over, expected] of [
      ['accepted 5 years ago', { acceptanceDate: '2021-06-30' }, ['3.3.c']],
      ['not yet accepted', { acceptanceDate: null, result: null }, ['3.3.c']],
      ['led by a Guangzhou university', { leadRegionCode: '440106' }, ['3.3.d']],
      ['led by an enterprise', { leadType: 'enterprise' as const }, ['3.3.d']],
    ] as const) {
      const view = await ready(unit, (await nationalProject(db, over)).id);
      const res = await unit.post(`/api/applications/${view.id}/submit`, { version: view.version });
      expect([label, res.status, codes(res)]).toEqual([label, 422, expected]);
    }
    // 3.3.a: the certificate expired before the application date (2026-03-02).
    const expired = await eligibleOrg();
    await db.updateTable('organisations').set({ hnte_valid_to: '2026-03-01' }).where('id', '=', expired.id).execute();
    const expiredUser = await signIn(['unit_admin'], expired.id);
    const view = await ready(expiredUser, (await nationalProject(db)).id);
    const res = await expiredUser.post(`/api/applications/${view.id}/submit`, { version: view.version });
    expect(codes(res)).toEqual(['3.3.a']);
    expect(res.body.details.results[0].facts.hnteValidTo).toBe('2026-03-01');
  });
});

describe('track 3.4 recognition', () => {
  it('needs both kinds of evidence and every published condition, carries no city funds, and ends re-checked', async () => {
    const org = await eligibleOrg();
    const unit = await signIn(['unit_admin'], org.id);
    const created = await unit.post('/api/applications', { callId: calls.recognition, clientKey: randomUUID() });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const form = completeForm({
      socialCapital: 5_000_000,
      completedOn: '2025-12-20',
      conditionsAffirmed: ['own-funds'],
      budget: [{ category: 'equipment', city: 0, self: 0, other: 5_000_000 }],
    });
    let v = (await unit.put(`/api/applications/${id}/draft`, { version: created.body.version, form })).body;
    v = (await attach(unit, id, 'capital')).body;
    const missing = await unit.post(`/api/applications/${id}/submit`, { version: v.version });
    expect(codes(missing)).toEqual(['3.4.a']);
    expect(missing.body.details.results[0].facts).toMatchObject({ completionEvidence: false, unaffirmed: ['done'] });
    v = (
      await unit.put(`/api/applications/${id}/draft`, {
        version: v.version,
        form: { ...form, budget: [{ category: 'equipment', city: 100, self: 0, other: 0 }], conditionsAffirmed: ['own-funds', 'done'] },
      })
    ).body;
    v = (await attach(unit, id, 'completion')).body;
    const cityFunds = await unit.post(`/api/applications/${id}/submit`, { version: v.version });
    expect(codes(cityFunds)).toEqual(['3.4.b']);
    v = (
      await unit.put(`/api/applications/${id}/draft`, { version: v.version, form: { ...form, conditionsAffirmed: ['own-funds', 'done'] } })
    ).body;
    const submitted = await unit.post(`/api/applications/${id}/submit`, { version: v.version });
    expect(submitted.status).toBe(200);
    const checklist = CHECKLIST.map((c) => ({ key: c.key, ok: true, note: '' }));
    expect((await officer.post(`/api/applications/${id}/formal-check`, { decision: 'pass', checklist })).status).toBe(200);
    expect((await officer.post(`/api/applications/${id}/verify`, { investment: 1, output: 1, sales: 1, jobs: 1 })).status).toBe(409);
    const rechecked = await officer.post(`/api/applications/${id}/recheck`, { passed: true, checklist, comment: '凭证核验无误' });
    expect(rechecked.status).toBe(200);
    expect(rechecked.body.status).toBe('rechecked');
    expect(rechecked.body.rules.find((r: { code: string }) => r.code === '3.4.b').outcome).toBe('pass');
  });

  it('a rejected application stays rejected with the reason', async () => {
    const org = await eligibleOrg();
    const unit = await signIn(['unit_admin'], org.id);
    const view = await readyBackfill(unit, (await nationalApplication(db, { leadOrgId: org.id })).id);
    await unit.post(`/api/applications/${view.id}/submit`, { version: view.version });
    const checklist = CHECKLIST.map((c) => ({ key: c.key, ok: c.key !== 'signed', note: '' }));
    const rejected = await officer.post(`/api/applications/${view.id}/formal-check`, {
      decision: 'reject',
      checklist,
      comment: '重复申报',
    });
    expect(rejected.body.status).toBe('rejected');
    expect((await officer.post(`/api/applications/${view.id}/formal-check`, { decision: 'pass', checklist })).status).toBe(409);
    const row = await db
      .selectFrom('audit_events')
      .select('reason')
      .where('action', '=', 'application.formal_reject')
      .where('entity_id', '=', view.id)
      .executeTakeFirstOrThrow();
    expect(row.reason).toBe('重复申报');
  });
});

describe('the rule catalogue', () => {
  it('lists every rule with its clause and every parameter with its default, for anyone', async () => {
    const res = await h.client().get('/api/rules');
    expect(res.status).toBe(200);
    const codes = res.body.rules.map((r: { code: string }) => r.code);
    expect(codes).toContain('3.1.h');
    expect(codes).toContain('4.3.a');
    expect(res.body.rules.find((r: { code: string }) => r.code === '3.2.i').inPrinciple).toBe(true);
    expect(res.body.params.find((p: { key: string }) => p.key === 'chainFundsCap')).toMatchObject({ rule: '3.1.b', default: 10_000_000 });
  });
});

describe('fill in less (4.3.c)', () => {
  it('prefills and locks what the registry and national records know; the applicant types the rest', async () => {
    const org = await eligibleOrg();
    const unit = await signIn(['unit_admin'], org.id);
    const backfill = (
      await unit.post('/api/applications', {
        callId: calls.backfill,
        clientKey: randomUUID(),
        nationalApplicationId: (await nationalApplication(db, { leadOrgId: org.id })).id,
      })
    ).body;
    const continuation = (
      await unit.post('/api/applications', {
        callId: calls.continuation,
        clientKey: randomUUID(),
        nationalProjectId: (await nationalProject(db)).id,
      })
    ).body;
    const recognition = (await unit.post('/api/applications', { callId: calls.recognition, clientKey: randomUUID() })).body;
    const figures = Object.fromEntries(
      [backfill, continuation, recognition].map((v) => [
        v.track,
        {
          locked: v.prefilledFields.length,
          typed: v.typedFields.length,
          // Form fields the system filled as a starting point the applicant may refine.
          started: Object.keys(v.form).length,
        },
      ]),
    );
    console.log(JSON.stringify({ fillInLess: figures }));
    expect(figures).toEqual({
      backfill: { locked: 17, typed: 11, started: 4 },
      continuation: { locked: 15, typed: 13, started: 3 },
      recognition: { locked: 9, typed: 14, started: 0 },
    });
    // The locked facts cannot be changed by the applicant: they are not part of the form at all.
    expect(backfill.locked.every((l: { source: string }) => ['registry', 'national', 'call', 'chain_plan'].includes(l.source))).toBe(true);
  });
});

describe('concurrent retries', () => {
  it('two simultaneous creates with the same clientKey make one draft; two simultaneous submits one submission', async () => {
    const org = await eligibleOrg();
    const unit = await signIn(['unit_admin'], org.id);
    const n = await nationalApplication(db, { leadOrgId: org.id });
    const body = { callId: calls.backfill, clientKey: randomUUID(), nationalApplicationId: n.id };
    const [a, b] = await Promise.all([unit.post('/api/applications', body), unit.post('/api/applications', body)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    const saved = await unit.put(`/api/applications/${a.body.id}/draft`, { version: a.body.version, form: completeForm() });
    const ready = (await attach(unit, a.body.id, 'proposal')).body;
    expect(saved.status).toBe(200);
    const [s1, s2] = await Promise.all([
      unit.post(`/api/applications/${ready.id}/submit`, { version: ready.version }),
      unit.post(`/api/applications/${ready.id}/submit`, { version: ready.version }),
    ]);
    expect([s1.status, s2.status]).toEqual([200, 200]);
    expect(await countAudit('application.submit', ready.id)).toBe(1);
  });
});
