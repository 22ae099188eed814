import { createHash } from 'node:crypto';
import { makeUscc } from '@rdplan/domain';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/audit.js';
import type { Client } from './support/client.js';
import { createOrg, createUser, PASSWORD } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();
let n = 0;
const uscc = () =>
  makeUscc(
    '9',
    '1',
    '440106',
    `MR${String(++n).padStart(2, '0')}${Date.now().toString(36).slice(-4).toUpperCase()}`.replace(/[IOSVZ]/g, 'X'),
  );

async function mailsTo(address: string) {
  return h.deps.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', address).orderBy('created_at').execute();
}
async function resetLink(address: string) {
  const mails = await mailsTo(address);
  const last = [...mails].reverse().find((m) => m.body.includes('/reset-password?token='));
  return /\/reset-password\?token=([\w-]+)/.exec(last!.body)![1]!;
}
async function signedIn(email: string, password = PASSWORD): Promise<Client> {
  const c = h.client();
  expect((await c.login(email, password)).status).toBe(200);
  return c;
}

describe('no user enumeration', () => {
  it('answers sign-in alike for an unknown e-mail and a wrong password, lock included', async () => {
    const u = await createUser(h.deps.db, { roles: ['officer'] });
    const known = h.client();
    const unknown = h.client();
    for (let i = 0; i < 6; i++) {
      const a = await known.login(u.email, 'Wrong-password-1');
      const b = await unknown.login(`nobody-${u.id}@test.rdplan`, 'Wrong-password-1');
      expect(b.status).toBe(a.status);
      expect(b.body).toEqual(a.body);
    }
    // the sixth attempt of each is refused by the lock, the same way
    expect((await known.login(u.email, 'Wrong-password-1')).body.code).toBe('account_locked');
    h.clock.advance(16 * 60_000);
    expect((await unknown.login(`nobody-${u.id}@test.rdplan`, 'Wrong-password-1')).body.code).toBe('invalid_credentials');
  });

  it('answers unit registration alike whether the e-mail has an account; the owner is told by mail', async () => {
    const existing = await createUser(h.deps.db, { roles: ['analyst'] });
    const body = (email: string) => ({
      uscc: uscc(),
      name: '广州同名测试科技有限公司',
      type: 'enterprise',
      regionCode: '440106',
      admin: { name: '赵六', email, password: 'Str0ng-Pass-x9' },
    });
    const users = async () =>
      Number(
        (
          await h.deps.db
            .selectFrom('users')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await users();
    const fresh = await h.client().post('/api/auth/register', body(`fresh-${existing.id}@unit.test`));
    const taken = await h.client().post('/api/auth/register', body(existing.email.toUpperCase()));
    expect(fresh.status).toBe(202);
    expect(taken.status).toBe(fresh.status);
    expect(taken.body).toEqual(fresh.body);
    expect(await users()).toBe(before + 1);
    const warned = await mailsTo(existing.email);
    expect(warned.at(-1)!.body).toContain('忘记密码');
    // the existing account is untouched
    await signedIn(existing.email);
  });

  it('answers an invitation alike whether the e-mail has an account; that address gets no link', async () => {
    const org = await createOrg(h.deps.db);
    const admin = await createUser(h.deps.db, { roles: ['unit_admin'], orgId: org.id });
    const other = await createUser(h.deps.db, { roles: ['analyst'] });
    const a = await signedIn(admin.email);
    const fresh = await a.post('/api/org/invitations', { email: `new-${other.id}@unit.test`, name: '钱七' });
    const taken = await a.post('/api/org/invitations', { email: other.email, name: '钱七' });
    expect(fresh.status).toBe(201);
    expect(taken.status).toBe(fresh.status);
    const shape = (b: Record<string, unknown>) => ({ ...b, id: typeof b.id, email: typeof b.email });
    expect(shape(taken.body)).toEqual(shape(fresh.body));
    const mail = (await mailsTo(other.email)).at(-1)!;
    expect(mail.body).not.toContain('token=');
    expect(mail.body).toContain('已有账号');
    expect((await mailsTo(`new-${other.id}@unit.test`)).at(-1)!.body).toContain('/accept-invitation?token=');
  });
});

describe('password reset by a mailed one-time link', () => {
  it('answers the same for a known and an unknown address; only the known one gets a link', async () => {
    const u = await createUser(h.deps.db, { roles: ['unit_member'] });
    const known = await h.client().post('/api/auth/password-reset/request', { email: u.email });
    const unknown = await h.client().post('/api/auth/password-reset/request', { email: `nobody-${u.id}@test.rdplan` });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect(await mailsTo(`nobody-${u.id}@test.rdplan`)).toHaveLength(0);
    const token = await resetLink(u.email);
    // stored only as its hash
    const rows = await h.deps.db.selectFrom('password_resets').selectAll().where('user_id', '=', u.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('sets the new password once, ends every session, lifts the lock and is audited', async () => {
    const u = await createUser(h.deps.db, { roles: ['officer'] });
    const session = await signedIn(u.email);
    const attacker = h.client();
    for (let i = 0; i < 5; i++) await attacker.login(u.email, 'Wrong-password-1');
    expect((await h.client().login(u.email, PASSWORD)).body.code).toBe('account_locked');

    await h.client().post('/api/auth/password-reset/request', { email: u.email });
    const token = await resetLink(u.email);
    const weak = await h.client().post('/api/auth/password-reset', { token, password: 'password' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('weak_password');
    expect(weak.body.details[0].path).toBe('body.password');

    const done = await h.client().post('/api/auth/password-reset', { token, password: 'Jade-Pagoda-2027' });
    expect(done.status).toBe(204);
    expect((await session.get('/api/auth/session')).body.user).toBeNull();
    expect((await h.client().login(u.email, PASSWORD)).body.code).toBe('invalid_credentials');
    await signedIn(u.email, 'Jade-Pagoda-2027');

    const again = await h.client().post('/api/auth/password-reset', { token, password: 'Other-Pagoda-2028' });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('not_found');
    await signedIn(u.email, 'Jade-Pagoda-2027');

    const events = await h.deps.db.selectFrom('audit_events').select('action').where('entity_id', '=', u.id).execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['user.password_reset_request', 'user.password_reset']));
    expect((await verifyAudit(h.deps.db)).ok).toBe(true);
  });

  it('refuses an expired link and a link replaced by a newer request', async () => {
    const u = await createUser(h.deps.db, { roles: ['analyst'] });
    await h.client().post('/api/auth/password-reset/request', { email: u.email });
    const first = await resetLink(u.email);
    h.clock.advance(31 * 60_000);
    expect((await h.client().post('/api/auth/password-reset', { token: first, password: 'Jade-Pagoda-2027' })).status).toBe(404);

    await h.client().post('/api/auth/password-reset/request', { email: u.email });
    const older = await resetLink(u.email);
    await h.client().post('/api/auth/password-reset/request', { email: u.email });
    const newer = await resetLink(u.email);
    expect(newer).not.toBe(older);
    expect((await h.client().post('/api/auth/password-reset', { token: older, password: 'Jade-Pagoda-2027' })).status).toBe(404);
    expect((await h.client().post('/api/auth/password-reset', { token: newer, password: 'Jade-Pagoda-2027' })).status).toBe(204);
    await signedIn(u.email, 'Jade-Pagoda-2027');
  });

  it('sends no link to a disabled account, and answers the same', async () => {
    const u = await createUser(h.deps.db, { roles: ['analyst'], status: 'disabled' });
    const res = await h.client().post('/api/auth/password-reset/request', { email: u.email });
    expect(res.status).toBe(202);
    expect(await mailsTo(u.email)).toHaveLength(0);
  });
});
