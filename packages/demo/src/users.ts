/** Demo accounts, one per role, tied to records of a generated registry. */

import { ROLES, isGuangzhouRegion, type OrganisationRecord, type PersonRecord, type Role } from '@rdplan/domain';
import type { DemoRegistry } from './generate.js';

/** The account roles of @rdplan/domain, one demo account each. */
export const DEMO_ROLES: readonly Role[] = ROLES;
export type DemoRole = Role;

export interface DemoUser {
  role: DemoRole;
  email: string;
  password: string;
  name: string;
  /** The organisation the account acts for; null for bureau staff. */
  orgUscc: string | null;
  /** The registry person behind the account, when there is one. */
  personKey: string | null;
}

/**
 * Demo passwords: ≥ 10 characters, three or more character classes, not common, and free of the
 * account's email name (they pass @rdplan/domain's passwordProblems). Demo only.
 */
export const DEMO_PASSWORDS: Readonly<Record<DemoRole, string>> = {
  admin: 'Baiyun-Shan-2026',
  officer: 'Zhujiang-River-2026',
  chain_leader: 'Huangpu-Port-2026',
  unit_admin: 'Tianhe-Tower-2026',
  unit_member: 'Haizhu-Bridge-2026',
  expert: 'Panyu-Campus-2026',
  analyst: 'Nansha-Tide-2026',
};

export const DEMO_EMAILS: Readonly<Record<DemoRole, string>> = {
  admin: 'admin@rdplan.demo',
  officer: 'officer@rdplan.demo',
  chain_leader: 'chain-leader@rdplan.demo',
  unit_admin: 'unit-admin@rdplan.demo',
  unit_member: 'unit-member@rdplan.demo',
  expert: 'expert@rdplan.demo',
  analyst: 'analyst@rdplan.demo',
};

/** Display names used when no registry person stands behind an account (fictional). */
const STAFF_NAMES: Readonly<Record<DemoRole, string>> = {
  admin: '周启航',
  officer: '林嘉怡',
  chain_leader: '陈立恒',
  unit_admin: '梁志远',
  unit_member: '黄晓琳',
  expert: '吴承泽',
  analyst: '何思远',
};

/** Day on which the demo unit's high-tech certificate must be valid. */
export const DEMO_REFERENCE_DATE = '2026-01-01';

function currentUscc(p: PersonRecord): string | null {
  return p.affiliations.find((a) => a.to === null)?.uscc ?? null;
}

/** Non-expert people currently at `uscc`, by key. */
function staffOf(registry: DemoRegistry, uscc: string): PersonRecord[] {
  return registry.people.filter((p) => !p.isExpert && currentUscc(p) === uscc).sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * The ordinary Guangzhou enterprise used for the unit accounts: registered in Guangzhou, in no
 * corporate group, above designated size and with a high-tech certificate valid on the reference
 * date (so that it can try track 3.3), preferring one with two registry people to act as its users.
 */
export function demoUnit(registry: DemoRegistry): OrganisationRecord | null {
  const inGroups = new Set(registry.controlEdges.flatMap((e) => [e.parentUscc, e.childUscc]));
  const leaders = new Set(registry.chains.flatMap((c) => c.leaderUsccs));
  const ordinary = registry.organisations.filter(
    (o) => o.type === 'enterprise' && isGuangzhouRegion(o.regionCode) && !inGroups.has(o.uscc) && !leaders.has(o.uscc),
  );
  const qualified = ordinary.filter(
    (o) =>
      o.aboveDesignatedSize &&
      o.hnteValidFrom !== null &&
      o.hnteValidTo !== null &&
      o.hnteValidFrom <= DEMO_REFERENCE_DATE &&
      DEMO_REFERENCE_DATE <= o.hnteValidTo,
  );
  return qualified.find((o) => staffOf(registry, o.uscc).length >= 2) ?? qualified[0] ?? ordinary[0] ?? null;
}

/** Derives the demo accounts from a registry (use the default `generateRegistry()` for the README). */
export function demoUsers(registry: DemoRegistry): DemoUser[] {
  const user = (role: DemoRole, orgUscc: string | null, person: PersonRecord | null | undefined): DemoUser => ({
    role,
    email: DEMO_EMAILS[role],
    password: DEMO_PASSWORDS[role],
    name: person?.name ?? STAFF_NAMES[role],
    orgUscc,
    personKey: person?.key ?? null,
  });
  const leaderUscc = registry.chains.find((c) => c.code === 'C01')?.leaderUsccs[0] ?? null;
  const leaderPerson = leaderUscc ? staffOf(registry, leaderUscc)[0] : null;
  const unit = demoUnit(registry);
  const unitStaff = unit ? staffOf(registry, unit.uscc) : [];
  const expert = registry.people.find((p) => p.isExpert) ?? null;
  return [
    user('admin', null, null),
    user('officer', null, null),
    user('chain_leader', leaderUscc, leaderPerson),
    user('unit_admin', unit?.uscc ?? null, unitStaff[0]),
    user('unit_member', unit?.uscc ?? null, unitStaff[1]),
    user('expert', expert ? currentUscc(expert) : null, expert),
    user('analyst', null, null),
  ];
}
