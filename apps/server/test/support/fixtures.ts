import { makeUscc, type OrgType, type Role } from '@rdplan/domain';
import { hashPassword } from '../../src/auth/passwords.js';
import type { Executor } from '../../src/db/database.js';

export const PASSWORD = 'Correct-Horse-42';
let counter = 0;
let cachedHash: Promise<string> | null = null;

/** An organisation with a valid credit code (unique within the test run). */
export async function createOrg(db: Executor, over: { name?: string; type?: OrgType; regionCode?: string } = {}) {
  counter++;
  const body = `MA${String(counter).padStart(2, '0')}${Math.random()
    .toString(36)
    .slice(2, 6)
    .toUpperCase()
    .replace(/[IOSVZ]/g, 'X')}`;
  const regionCode = over.regionCode ?? '440106';
  return db
    .insertInto('organisations')
    .values({
      uscc: makeUscc('9', '1', regionCode, body.slice(0, 8)),
      name: over.name ?? `测试单位${counter}有限公司`,
      type: over.type ?? 'enterprise',
      region_code: regionCode,
      address: null,
      former_names: '[]',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An active user with the shared test password. */
export async function createUser(
  db: Executor,
  over: {
    email?: string;
    roles: Role[];
    orgId?: string | null;
    personId?: string | null;
    name?: string;
    status?: 'pending' | 'active' | 'disabled';
  },
) {
  counter++;
  cachedHash ??= hashPassword(PASSWORD);
  return db
    .insertInto('users')
    .values({
      email: over.email ?? `user${counter}-${over.roles[0]}@test.rdplan`,
      name: over.name ?? `用户${counter}`,
      password_hash: await cachedHash,
      roles: over.roles,
      org_id: over.orgId ?? null,
      person_id: over.personId ?? null,
      status: over.status ?? 'active',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
