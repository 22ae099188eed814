import { sql } from 'kysely';
import pg from 'pg';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AUDIT_LOCK, appendAudit, deferAudit, flushAudit, verifyAudit } from '../src/audit/audit.js';
import { auditKey, readAnchorFile, resetAnchorFile } from '../src/audit/anchor.js';
import { AuditSealer } from '../src/audit/sealer.js';
import { inTransaction } from '../src/commands/transaction.js';
import { systemActor } from '../src/context.js';
import { createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';
import { testDbKind } from './support/test-db.js';

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
      // Work after the audit call: the event is written when the work is done, in the same transaction.
      await tx.selectFrom('audit_events').select('seq').limit(1).execute();
      return i;
    });

  it('writes the events of a transaction at its end, seals them and signs the head outside the table', async () => {
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

describe('audit sealer', () => {
  const key = () => auditKey(h.deps.config, false);
  const opts = () => ({ key: key(), dataDir: h.deps.config.dataDir });
  const write = (i: number) =>
    inTransaction(h.deps, async (tx, now) => {
      await appendAudit(tx, systemActor('test'), now, { action: 'sealed.event', entityType: 'thing', entityId: String(i), after: { i } });
      return i;
    });

  beforeAll(async () => {
    // A fresh chain: the tests above leave it tampered with on purpose.
    await sql`delete from audit_events`.execute(h.deps.db);
    await sql`delete from audit_anchor`.execute(h.deps.db);
    resetAnchorFile(h.deps.config.dataDir, null);
  });

  it('answers a change once its event is in the chain: many at once give one unbroken, anchored chain', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => write(i)));
    const rows = await h.deps.db.selectFrom('audit_events').select(['seq', 'hash']).where('action', '=', 'sealed.event').execute();
    expect(rows).toHaveLength(40);
    // Every answered change is sealed: none is left without its place in the chain.
    expect(rows.every((r) => r.seq !== null && r.hash !== null)).toBe(true);
    const v = await verifyAudit(h.deps.db, opts());
    expect(v).toMatchObject({ ok: true, unsealed: 0, problems: [] });
    expect(v.anchoredSeq).toBe(Math.max(...rows.map((r) => Number(r.seq))));
  });

  it('seals the events an instance committed and did not seal (it died): the sweep of another instance does', async () => {
    // What an instance leaves when killed between its commit and its seal pass.
    await h.deps.db.transaction().execute(async (tx) => {
      const batch = deferAudit(tx);
      await appendAudit(tx, systemActor('test'), h.clock.now(), { action: 'orphan.event', entityType: 'thing', entityId: 'x' });
      expect(await flushAudit(tx, batch)).toBe(1);
    });
    const before = await verifyAudit(h.deps.db, opts());
    expect(before).toMatchObject({ ok: true, unsealed: 1 });
    expect(before.notes).toContain('1 committed event(s) not sealed into the chain yet: not checked');

    const other = new AuditSealer(h.deps.db, h.deps.config);
    other.startSweep(20);
    try {
      await vi.waitFor(async () => expect(await verifyAudit(h.deps.db, opts())).toMatchObject({ ok: true, unsealed: 0 }));
    } finally {
      other.stopSweep();
      await other.settled();
    }
    const after = await verifyAudit(h.deps.db, opts());
    expect(after.events).toBe(before.events + 1);
    expect(after.anchoredSeq).toBe(after.events);
    const orphan = await h.deps.db.selectFrom('audit_events').select('seq').where('action', '=', 'orphan.event').executeTakeFirstOrThrow();
    expect(Number(orphan.seq)).toBe(after.events);
  });

  it.runIf(testDbKind === 'postgres')('commits a change while another holds the chain: only the seal waits', async () => {
    // Another connection holds the chain's lock (a sealer of another instance in the middle of a pass).
    const holder = new pg.Client({ connectionString: h.database.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
      let answered = false;
      const pending = write(1000).then((v) => {
        answered = true;
        return v;
      });
      // The change and its event commit although the lock is held…
      await vi.waitFor(async () => {
        const row = await h.deps.db
          .selectFrom('audit_events')
          .select('seq')
          .where('action', '=', 'sealed.event')
          .where('entity_id', '=', '1000')
          .executeTakeFirst();
        expect(row).toEqual({ seq: null });
      });
      // …and the caller is answered only when the event is sealed, after the holder lets go.
      expect(answered).toBe(false);
      await holder.query('commit');
      expect(await pending).toBe(1000);
      const row = await h.deps.db.selectFrom('audit_events').select('seq').where('entity_id', '=', '1000').executeTakeFirstOrThrow();
      expect(row.seq).not.toBeNull();
      expect((await verifyAudit(h.deps.db, opts())).ok).toBe(true);
    } finally {
      await holder.end();
    }
  });
});
