import type { Role } from '@rdplan/domain';
import type { Executor } from '../db/database.js';
import type { User } from '../db/schema.js';

export function findUserByEmail(db: Executor, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

/** Locks the row for the rest of the transaction (counters and state are read-modify-write). */
export function findUserForUpdate(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findUser(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  status: 'pending' | 'active' | 'disabled';
  orgId: string | null;
  personId: string | null;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

/** A user as the API shows it: never the password hash or counters. */
export function presentUser(u: User): PublicUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles as Role[],
    status: u.status,
    orgId: u.org_id,
    personId: u.person_id,
    lockedUntil: u.locked_until?.toISOString() ?? null,
    lastLoginAt: u.last_login_at?.toISOString() ?? null,
    createdAt: u.created_at.toISOString(),
  };
}

/** What the audit log keeps of a user (no secrets). */
export function auditUser(u: User) {
  return { email: u.email, name: u.name, roles: u.roles, status: u.status, orgId: u.org_id, personId: u.person_id };
}
