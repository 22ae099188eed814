import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { appendAudit, verifyAudit } from '../src/audit/audit.js';
import { auditKey, readAnchorFile } from '../src/audit/anchor.js';
import { inTransaction } from '../src/commands/transaction.js';
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

  it('lists every problem of the chain, not only the first', async () => {
    await sql`delete from audit_events`.execute(h.deps.db);
    await sql`delete from audit_anchor`.execute(h.deps.db);
    await addEvents(8);
    const seqs = (await h.deps.db.selectFrom('audit_events').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
    await sql`update audit_events set reason = 'changed' where seq = ${seqs[1]}`.execute(h.deps.db);
    await sql`delete from audit_events where seq = ${seqs[3]}`.execute(h.deps.db);
    await sql`update audit_events set actor_label = 'someone else' where seq = ${seqs[6]}`.execute(h.deps.db);
    const v = await verifyAudit(h.deps.db);
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => [p.seq, p.problem])).toEqual([
      [seqs[1], 'altered'],
      [seqs[3], 'removed'],
      [seqs[6], 'altered'],
    ]);
    expect(v).toMatchObject({ seq: seqs[1], problem: 'altered' });
  });
});

describe('audit anchor', () => {
  const key = () => auditKey(h.deps.config, false);
  const opts = () => ({ key: key(), dataDir: h.deps.config.dataDir });
  const audited = (i: number) =>
    inTransaction(h.deps, async (tx, now) => {
      await appendAudit(tx, systemActor('test'), now, { action: 'anchored.event', entityType: 'thing', entityId: String(i) });
      // Work after the audit call: the event is chained when the work is done, in the same transaction.
      await tx.selectFrom('audit_events').select('seq').limit(1).execute();
      return i;
    });

  it('chains the events of a transaction at its end and signs the head outside the table', async () => {
    await sql`delete from audit_events`.execute(h.deps.db);
    await sql`delete from audit_anchor`.execute(h.deps.db);
    for (let i = 0; i < 4; i++) expect(await audited(i)).toBe(i);
    const v = await verifyAudit(h.deps.db, opts());
    expect(v).toMatchObject({ ok: true, events: 4, anchoredSeq: 4, problems: [] });
    // The key lives in the data folder (mode 0600), never in the database.
    expect(key()).not.toBeNull();
    await vi.waitFor(() => expect(readAnchorFile(h.deps.config.dataDir)).toMatchObject({ seq: 4, head: v.head }));
  });

  it('leaves no event and no anchor when the work fails after auditing', async () => {
    const before = await h.deps.db.selectFrom('audit_anchor').selectAll().executeTakeFirstOrThrow();
    await expect(
      inTransaction(h.deps, async (tx, now) => {
        await appendAudit(tx, systemActor('test'), now, { action: 'doomed', entityType: 'thing', entityId: null });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await h.deps.db.selectFrom('audit_anchor').selectAll().executeTakeFirstOrThrow()).toEqual(before);
    expect((await verifyAudit(h.deps.db, opts())).ok).toBe(true);
  });

  it('names the removal of the last events', async () => {
    await sql`delete from audit_events where seq >= 3`.execute(h.deps.db);
    const v = await verifyAudit(h.deps.db, opts());
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([expect.objectContaining({ seq: 3, problem: 'truncated' })]);
    expect(v.detail).toMatch(/events 3–4 were removed from the end of the chain/);
  });

  it('still names it when the anchor row is deleted too (the file outside the database remains)', async () => {
    await sql`delete from audit_anchor`.execute(h.deps.db);
    const v = await verifyAudit(h.deps.db, opts());
    expect(v.problems).toEqual([expect.objectContaining({ seq: 3, problem: 'truncated' })]);
    expect(v.detail).toMatch(/anchor file/);
  });

  it('refuses an anchor row forged without the key', async () => {
    await sql`insert into audit_anchor (id, seq, head, at, mac) values (1, 2, 'x', '2026-01-01T00:00:00.000Z', ${'0'.repeat(64)})`.execute(
      h.deps.db,
    );
    const v = await verifyAudit(h.deps.db, { key: key() });
    expect(v.problems).toEqual([expect.objectContaining({ seq: 2, problem: 'anchor_forged' })]);
  });
});
