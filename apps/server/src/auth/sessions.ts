import type { Role } from '@rdplan/domain';
import type { Config } from '../config.js';
import type { Executor } from '../db/database.js';
import { newToken, tokenHash } from './tokens.js';

export interface SessionUser {
  sessionId: string;
  csrfToken: string;
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  orgId: string | null;
  personId: string | null;
}

/** Creates a server-side session; returns the cookie token (stored only as a hash). */
export async function createSession(
  db: Executor,
  userId: string,
  now: Date,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await db
    .insertInto('sessions')
    .values({
      id: tokenHash(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

/**
 * Finds the live session of a cookie token. A session ends after `idleMinutes` without a request or
 * `absoluteHours` after sign-in, whichever comes first; an ended session is deleted.
 */
export async function findSession(db: Executor, token: string, now: Date, limits: Config['session']): Promise<SessionUser | null> {
  const id = tokenHash(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.email',
      'users.name',
      'users.roles',
      'users.org_id',
      'users.person_id',
      'users.status',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const idleEnd = row.last_seen_at.getTime() + limits.idleMinutes * 60_000;
  const absoluteEnd = row.created_at.getTime() + limits.absoluteHours * 3_600_000;
  if (now.getTime() >= idleEnd || now.getTime() >= absoluteEnd || row.status !== 'active') {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  // Touch at most once a minute: enough for a 30-minute idle limit, without a write per request.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  return {
    sessionId: id,
    csrfToken: row.csrf_token,
    userId: row.user_id,
    email: row.email,
    name: row.name,
    roles: row.roles as Role[],
    orgId: row.org_id,
    personId: row.person_id,
  };
}

export async function deleteSession(db: Executor, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: Executor, userId: string, exceptSessionId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '<>', exceptSessionId);
  await q.execute();
}
