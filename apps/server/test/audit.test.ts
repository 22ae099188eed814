import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../src/audit/audit.js';
import { systemActor } from '../src/context.js';
import { createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();

async function addEvents(n: number) {
  for (let i = 0; i < n; i++) {
    await h.deps.db.transaction().execute((tx) =>
      appendAudit(tx, systemActor('test'), h.clock.now(), {
        action: 'test.event',
        entityType: 'thing',
        entityId: String(i),
        before: { n: i },
        after: { n: i + 1, when: new Date(0), nested: { b: 1, a: [1, 'x'] } },
      }),
    );
  }
}

describe('audit log', () => {
  it('records state changes in the same transaction, with actor and before/after', async () => {
    const u = await createUser(h.deps.db, { roles: ['officer'] });
    await h.client().login(u.email, PASSWORD);
    const row = await h.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'session.create')
      .where('entity_id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.actor_id).toBe(u.id);
    expect(row.actor_label).toBe(u.email);
  });

  it('leaves no event when the change rolls back', async () => {
    const before = await verifyAudit(h.deps.db);
    await expect(
      h.deps.db.transaction().execute(async (tx) => {
        await appendAudit(tx, systemActor('test'), h.clock.now(), { action: 'doomed', entityType: 'thing', entityId: null });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const after = await verifyAudit(h.deps.db);
    expect(after.events).toBe(before.events);
  });

  it('verifies an intact chain', async () => {
    await addEvents(5);
    const v = await verifyAudit(h.deps.db);
    expect(v.ok).toBe(true);
    expect(v.events).toBeGreaterThanOrEqual(5);
  });

  it('names the first altered row', async () => {
    const target = await h.deps.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'test.event')
      .orderBy('seq')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`update audit_events set after = jsonb_set(after, '{n}', '999') where seq = ${target.seq}`.execute(h.deps.db);
    const v = await verifyAudit(h.deps.db);
    expect(v).toMatchObject({ ok: false, seq: Number(target.seq), problem: 'altered' });
  });

  it('names a removed row', async () => {
    // Start from an intact chain again: drop the altered tail, append fresh events, then remove one.
    await sql`delete from audit_events where seq >= (select min(seq) from audit_events where action = 'test.event')`.execute(h.deps.db);
    await addEvents(3);
    const rows = await h.deps.db.selectFrom('audit_events').select('seq').orderBy('seq').execute();
    const middle = rows[rows.length - 2]!.seq;
    await sql`delete from audit_events where seq = ${middle}`.execute(h.deps.db);
    const v = await verifyAudit(h.deps.db);
    expect(v).toMatchObject({ ok: false, seq: Number(middle), problem: 'removed' });
  });
});
