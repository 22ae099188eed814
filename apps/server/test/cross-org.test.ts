import { describe, expect, it } from 'vitest';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';
import { assign, expertWithAccount, insertReview } from './support/review-scoring.js';
import { insertApplication, insertChain, insertWorkplan } from './support/review-selection.js';
import { seedPlanAndCalls } from './support/tracks.js';

/**
 * Records of another organisation (or another expert) answer 404 exactly like records that do not exist,
 * and every such refused lookup is logged as a security event — also when the foreign id is reached
 * through one's own record (another application's attachment or exclusion through one's own application).
 */
const h = await startHarness();
const db = h.deps.db;
const { calls } = await seedPlanAndCalls(db);
const mine = await createOrg(db);
const theirs = await createOrg(db);
const myApp = await insertApplication(db, {
  callId: calls.backfill,
  track: 'backfill',
  orgId: mine.id,
  cityFunds: 1_000_000,
  status: 'draft',
});
const theirApp = await insertApplication(db, { callId: calls.backfill, track: 'backfill', orgId: theirs.id, cityFunds: 1_000_000 });
await db
  .insertInto('blobs')
  .values({ sha256: 'a'.repeat(64), size: 4, mime: 'application/pdf' })
  .execute();
const theirAttachment = await db
  .insertInto('application_attachments')
  .values({ application_id: theirApp.id, material_key: 'budget', blob_sha256: 'a'.repeat(64), filename: 'x.pdf', size: 4 })
  .returning('id')
  .executeTakeFirstOrThrow();
const theirExclusion = await db
  .insertInto('review_exclusions')
  .values({ application_id: theirApp.id, person_name: '某专家', unit_name: '某单位', reason: '竞争关系' })
  .returning('id')
  .executeTakeFirstOrThrow();
const review = await insertReview(db, calls.backfill);
const me = await expertWithAccount(db, '本人专家');
const other = await expertWithAccount(db, '他人专家');
const otherAssignment = await assign(db, review.id, theirApp.id, other.person.id);

// A chain leader's own draft work plan, through which another unit's application is asked for.
const chain = await insertChain(db, '走查链');
await db.insertInto('chain_leaders').values({ chain_id: chain.id, org_id: mine.id }).execute();
const plan = await db.selectFrom('plans').select('id').executeTakeFirstOrThrow();
const myWorkplan = await insertWorkplan(db, plan.id, chain.id, mine.id);
await db.updateTable('workplans').set({ status: 'draft' }).where('id', '=', myWorkplan.id).execute();

async function signIn(email: string) {
  const c = h.client();
  expect((await c.login(email, PASSWORD)).status).toBe(200);
  return c;
}
const unitAdmin = await signIn((await createUser(db, { roles: ['unit_admin'], orgId: mine.id })).email);
const unitMember = await signIn((await createUser(db, { roles: ['unit_member'], orgId: mine.id })).email);
const expert = await signIn(me.user.email);
const leader = await signIn((await createUser(db, { roles: ['chain_leader'], orgId: mine.id })).email);
const wp = `/api/workplans/${myWorkplan.id}/candidates/${theirApp.id}`;

const a = `/api/applications/${theirApp.id}`;
const own = `/api/applications/${myApp.id}`;
const t = `/api/review/tasks/${otherAssignment.id}`;
const cases: [typeof unitAdmin, string, string, unknown?][] = [
  [unitMember, 'GET', a],
  [unitMember, 'PUT', `${a}/draft`, { version: 1, form: {} }],
  [unitMember, 'POST', `${a}/submit`, { version: 1 }],
  [unitMember, 'POST', `${a}/withdraw`, { reason: '撤回申报' }],
  [unitMember, 'GET', `${a}/exclusions`],
  [unitMember, 'POST', `${a}/exclusions`, { personName: '某人', unitName: '某单位', reason: '有竞争关系' }],
  [unitMember, 'DELETE', `${a}/exclusions/${theirExclusion.id}`],
  [unitMember, 'DELETE', `${own}/exclusions/${theirExclusion.id}`],
  [unitMember, 'GET', `${a}/attachments/${theirAttachment.id}`],
  [unitMember, 'GET', `${own}/attachments/${theirAttachment.id}`],
  [unitMember, 'DELETE', `${own}/attachments/${theirAttachment.id}`],
  [unitAdmin, 'GET', `/api/organisations/${theirs.id}`],
  [unitAdmin, 'PATCH', `/api/organisations/${theirs.id}`, { address: '某地' }],
  [expert, 'GET', `/api/people/${other.person.id}`],
  [leader, 'DELETE', wp],
  [expert, 'GET', t],
  [expert, 'POST', `${t}/declaration`, { kind: 'no_conflict' }],
  [expert, 'PUT', `${t}/scores`, { version: 1, scores: [] }],
  [expert, 'POST', `${t}/submit`, { version: 1 }],
];

describe('refused cross-organisation lookups', () => {
  it('answer 404 and each writes a security event', async () => {
    const failures: string[] = [];
    for (const [client, method, url, body] of cases) {
      const before = await db.selectFrom('security_events').select('id').where('kind', '=', 'access_denied').execute();
      const res = await client.request(method, url, body);
      const after = await db.selectFrom('security_events').select('id').where('kind', '=', 'access_denied').execute();
      const where = `${method} ${url}: ${res.status} ${res.body?.code ?? ''}`;
      if (res.status !== 404) failures.push(`${where} (expected 404)`);
      if (after.length !== before.length + 1) failures.push(`${where} (no security event)`);
    }
    expect(failures).toEqual([]);
  });

  it('leave the other organisation’s records as they were', async () => {
    expect(
      await db.selectFrom('application_attachments').select('id').where('id', '=', theirAttachment.id).executeTakeFirst(),
    ).toBeDefined();
    expect(await db.selectFrom('review_exclusions').select('id').where('id', '=', theirExclusion.id).executeTakeFirst()).toBeDefined();
    const app = await db.selectFrom('applications').select('status').where('id', '=', theirApp.id).executeTakeFirstOrThrow();
    expect(app.status).toBe('formal_passed');
  });
});
