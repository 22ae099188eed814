import { DEMO_EMAILS, DEMO_PASSWORDS } from '@rdplan/demo';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed/demo.js';
import { startHarness } from './support/harness.js';
import { completeForm, multipart, pdf } from './support/tracks.js';

/** Track 3.1 end to end on the demo data: the leader finalises the chain's plan, the lead unit completes and submits. */
const h = await startHarness();
h.clock.set(new Date('2026-11-24T02:00:00Z'));
await seedDemo(h.deps);

async function as(role: keyof typeof DEMO_EMAILS) {
  const c = h.client();
  expect((await c.login(DEMO_EMAILS[role], DEMO_PASSWORDS[role])).status).toBe(200);
  return c;
}

describe('track 3.1: a chain project from the finalised work plan to the formal check', () => {
  it('is completed by the lead unit with the plan’s facts locked, confirmed by the participant and checked', async () => {
    const leader = await as('chain_leader');
    const unit = await as('unit_admin');
    const officer = await as('officer');
    const [wp] = (await leader.get('/api/workplans')).body.items;
    const plan = (await leader.get(`/api/workplans/${wp.id}`)).body;
    const unitOrgId = (await unit.get('/api/auth/session')).body.user.orgId;
    const mine = plan.candidates.find((c: { leadOrgId: string; inPlan: boolean }) => c.leadOrgId === unitOrgId && c.inPlan);
    expect(mine).toBeDefined();

    // Before the plan is finalised the lead unit may draft but not submit.
    let view = (await unit.get(`/api/applications/${mine.applicationId}`)).body;
    expect(view.isApplicant).toBe(true);
    // Fill in less (4.3.c): registry and chain-plan facts locked, the rest typed.
    expect([view.prefilledFields.length, view.typedFields.length, Object.keys(view.form).sort()]).toEqual([14, 9, ['summary', 'title']]);
    expect(view.locked.find((l: { key: string }) => l.key === 'cityFunds').value).toBe(mine.cityFunds);
    const early = await unit.post(`/api/applications/${view.id}/submit`, { version: view.version });
    expect(early.status).toBe(409);

    // The leader compares and includes the fifth candidate and finalises (3.1.c needs five).
    const fifth = plan.candidates.find((c: { inPlan: boolean }) => !c.inPlan);
    expect(
      (
        await leader.post(`/api/workplans/${plan.id}/comparisons`, {
          topic: '补充论证',
          heldOn: '2026-11-20',
          method: '专家论证会',
          conclusion: '同意纳入',
          candidates: [{ applicationId: fifth.applicationId, verdict: 'selected' }],
        })
      ).status,
    ).toBe(201);
    expect((await leader.post(`/api/workplans/${plan.id}/candidates/${fifth.applicationId}/include`, {})).status).toBe(200);
    expect((await leader.post(`/api/workplans/${plan.id}/finalise`, {})).status).toBe(200);

    // The lead unit fills the form; the title fixed by the leader stays as it was.
    view = (await unit.get(`/api/applications/${mine.applicationId}`)).body;
    const form = completeForm({
      title: '被改掉的标题',
      budget: [
        { category: 'equipment', city: 1_200_000, self: 1_600_000, other: 0 },
        { category: 'labour', city: 800_000, self: 1_000_000, other: 0 },
      ],
    });
    const saved = await unit.put(`/api/applications/${view.id}/draft`, { version: view.version, form });
    expect(saved.status).toBe(200);
    expect(saved.body.form.title).toBe(mine.title);
    const m = multipart('申报书.pdf', pdf());
    const attached = await unit.request(
      'POST',
      `/api/applications/${view.id}/attachments?materialKey=${saved.body.call.materials[0].key}`,
      m.body,
      m.headers,
    );
    expect(attached.status).toBe(200);
    for (const material of attached.body.call.materials.filter((x: { required: boolean; key: string }) => x.required).slice(1)) {
      const more = multipart(`${material.key}.pdf`, pdf(material.key));
      expect(
        (await unit.request('POST', `/api/applications/${view.id}/attachments?materialKey=${material.key}`, more.body, more.headers))
          .status,
      ).toBe(200);
    }
    view = (await unit.get(`/api/applications/${view.id}`)).body;
    expect(view.rules.filter((r: { blocking: boolean }) => r.blocking)).toEqual([]);
    // The chain leader's enterprise takes part and must confirm in its own account.
    const waiting = await unit.post(`/api/applications/${view.id}/submit`, { version: view.version });
    expect(waiting.status).toBe(400);
    expect(waiting.body.details.map((d: { path: string }) => d.path)).toEqual([`units.${plan.leader.orgId}`]);
    const asked = (await leader.get('/api/applications?participating=true')).body.items;
    expect(asked.map((i: { id: string }) => i.id)).toContain(view.id);
    expect((await leader.post(`/api/applications/${view.id}/units/confirm`, { decision: 'confirm' })).status).toBe(200);
    view = (await unit.get(`/api/applications/${view.id}`)).body;
    const submitted = await unit.post(`/api/applications/${view.id}/submit`, { version: view.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');

    const checklist = submitted.body.call.checklist.map((c: { key: string }) => ({ key: c.key, ok: true, note: '' }));
    const passed = await officer.post(`/api/applications/${view.id}/formal-check`, { decision: 'pass', checklist });
    expect(passed.status).toBe(200);
    expect(passed.body.status).toBe('formal_passed');
    const codes = passed.body.rules.map((r: { code: string }) => r.code);
    expect(codes).toEqual(['3.1.d', '3.1.e', '3.1.f', '3.1.g', '4.1.e', '3.1.b', '3.1.c', '3.1.h', '4.1.a', '4.1.b', '4.1.c']);
  });
});
