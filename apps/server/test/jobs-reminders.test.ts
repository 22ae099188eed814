import { describe, expect, it } from 'vitest';
import { sendDraftReminders } from '../src/jobs/reminders.js';
import { createOrg, createUser } from './support/fixtures.js';
import { startHarness } from './support/harness.js';
import { seedPlanAndCalls } from './support/tracks.js';

// The harness clock starts at 2026-03-02T02:00Z; the consortium call closes on 2026-03-04 (within 3 days).
const h = await startHarness({ reminderDays: 3 });
const db = h.deps.db;
const { calls } = await seedPlanAndCalls(db, { closesAt: '2026-03-04T17:30:00+08:00' });
await db.updateTable('calls').set({ closes_at: '2026-06-30T17:30:00+08:00' }).where('id', '=', calls.backfill).execute();

const unitA = await createOrg(db, { name: '广州提醒甲科技有限公司' });
const unitB = await createOrg(db, { name: '广州提醒乙科技有限公司' });
const adminA = await createUser(db, { roles: ['unit_admin'], orgId: unitA.id, name: '陈管理员' });
const memberA = await createUser(db, { roles: ['unit_member'], orgId: unitA.id, name: '林成员' });
await createUser(db, { roles: ['unit_member'], orgId: unitA.id, name: '旁观成员' }); // neither admin nor author
await createUser(db, { roles: ['unit_admin'], orgId: unitA.id, status: 'disabled' });
const adminB = await createUser(db, { roles: ['unit_admin'], orgId: unitB.id });

async function application(
  callId: string,
  track: 'consortium' | 'backfill',
  orgId: string,
  createdBy: string,
  status: 'draft' | 'submitted',
) {
  return db
    .insertInto('applications')
    .values({ call_id: callId, track, org_id: orgId, created_by: createdBy, status, form: JSON.stringify({}) })
    .returning('id')
    .executeTakeFirstOrThrow();
}
const draft = await application(calls.consortium, 'consortium', unitA.id, memberA.id, 'draft');
await application(calls.consortium, 'consortium', unitB.id, adminB.id, 'submitted');
await application(calls.backfill, 'backfill', unitA.id, memberA.id, 'draft'); // closes in June

const outbox = () => db.selectFrom('mail_outbox').select(['to_address', 'subject', 'body']).orderBy('to_address').execute();

describe('draft-deadline reminders', () => {
  it('sends nothing while no call with a draft closes within the setting', async () => {
    h.clock.set(new Date('2026-02-25T02:00:00Z')); // 8 days before
    expect(await sendDraftReminders(h.deps)).toEqual({ applications: 0, mails: 0 });
    expect(await outbox()).toEqual([]);
  });

  it('reminds the unit admins and the author of a draft when its call closes within 3 days, once', async () => {
    h.clock.set(new Date('2026-03-02T02:00:00Z'));
    expect(await sendDraftReminders(h.deps)).toEqual({ applications: 1, mails: 2 });
    const mails = await outbox();
    expect(mails.map((m) => m.to_address).sort()).toEqual([adminA.email, memberA.email].sort());
    for (const m of mails) {
      expect(m.subject).toContain('申报即将截止');
      expect(m.body).toContain('广州提醒甲科技有限公司');
      expect(m.body).toContain('测试指南 consortium');
      expect(m.body).toContain('2026-03-04');
    }
    const sent = await db.selectFrom('reminders_sent').selectAll().execute();
    expect(sent).toEqual([
      expect.objectContaining({ kind: 'draft-deadline', application_id: draft.id, call_id: calls.consortium, recipients: 2 }),
    ]);
    // The next run (a retry, another instance, the next day) sends nothing again.
    h.clock.advance(24 * 3600_000);
    expect(await sendDraftReminders(h.deps)).toEqual({ applications: 0, mails: 0 });
    expect(await Promise.all([sendDraftReminders(h.deps), sendDraftReminders(h.deps)])).toEqual([
      { applications: 0, mails: 0 },
      { applications: 0, mails: 0 },
    ]);
    expect(await outbox()).toHaveLength(2);
  });

  it('sends nothing once the call has closed', async () => {
    await db.deleteFrom('reminders_sent').execute();
    h.clock.set(new Date('2026-03-05T02:00:00Z'));
    expect(await sendDraftReminders(h.deps)).toEqual({ applications: 0, mails: 0 });
  });
});
