import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS, DEMO_ROLES, DEMO_USERS, demoUsers, generateRegistry } from '../src/index.js';
import { ROLES, isGuangzhouRegion, passwordProblems } from '@rdplan/domain';
import { currentAffiliation, defaultRegistry } from './helpers.js';

const reg = defaultRegistry();
const orgs = new Map(reg.organisations.map((o) => [o.uscc, o]));
const people = new Map(reg.people.map((p) => [p.key, p]));
const user = (role: string) => DEMO_USERS.find((u) => u.role === role)!;

describe('demo users', () => {
  it('has one account per role with unique emails and strong passwords', () => {
    expect(DEMO_USERS.map((u) => u.role)).toEqual([...DEMO_ROLES]);
    expect([...DEMO_ROLES]).toEqual([...ROLES]);
    expect(new Set(DEMO_USERS.map((u) => u.email)).size).toBe(DEMO_ROLES.length);
    for (const u of DEMO_USERS) {
      expect(u.email).toMatch(/^[a-z-]+@rdplan\.demo$/);
      expect(u.password).toBe(DEMO_PASSWORDS[u.role]);
      expect(u.password.length).toBeGreaterThanOrEqual(10);
      const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(u.password)).length;
      expect(classes).toBeGreaterThanOrEqual(3);
      expect(u.password.toLowerCase()).not.toMatch(/password|123456|qwerty/);
      expect(u.name.length).toBeGreaterThan(1);
      expect(passwordProblems(u.password, { email: u.email, name: u.name })).toEqual([]);
    }
  });

  it('equals demoUsers(generateRegistry())', () => {
    expect(demoUsers(reg)).toEqual([...DEMO_USERS]);
  });

  it('gives bureau staff no organisation', () => {
    for (const role of ['admin', 'officer', 'analyst']) {
      expect(user(role).orgUscc).toBeNull();
      expect(user(role).personKey).toBeNull();
    }
  });

  it('references existing records with the right relations', () => {
    const leader = user('chain_leader');
    expect(leader.orgUscc).toBe(reg.chains.find((c) => c.code === 'C01')!.leaderUsccs[0]);
    for (const u of DEMO_USERS) {
      if (u.orgUscc !== null) expect(orgs.has(u.orgUscc)).toBe(true);
      if (u.personKey !== null) {
        const p = people.get(u.personKey)!;
        expect(p).toBeDefined();
        expect(p.name).toBe(u.name);
        if (u.role !== 'expert') expect(currentAffiliation(p)[0]!.uscc).toBe(u.orgUscc);
      }
    }
    expect(leader.personKey).not.toBeNull();

    const unitAdmin = user('unit_admin');
    const unitMember = user('unit_member');
    expect(unitAdmin.orgUscc).toBe(unitMember.orgUscc);
    expect(unitAdmin.personKey).not.toBeNull();
    expect(unitMember.personKey).not.toBeNull();
    expect(unitAdmin.personKey).not.toBe(unitMember.personKey);
    const unit = orgs.get(unitAdmin.orgUscc!)!;
    expect(unit.type).toBe('enterprise');
    expect(isGuangzhouRegion(unit.regionCode)).toBe(true);
    expect(reg.chains.flatMap((c) => c.leaderUsccs)).not.toContain(unit.uscc);
    expect(reg.controlEdges.some((e) => e.parentUscc === unit.uscc || e.childUscc === unit.uscc)).toBe(false);
    expect(unit.aboveDesignatedSize).toBe(true);
    expect(unit.hnteValidFrom! <= '2026-01-01' && unit.hnteValidTo! >= '2026-01-01').toBe(true);

    const expert = user('expert');
    const ep = people.get(expert.personKey!)!;
    expect(ep.isExpert).toBe(true);
    expect(expert.orgUscc).toBe(currentAffiliation(ep)[0]!.uscc);
  });

  it('derives accounts for other registries too', () => {
    const small = generateRegistry({ seed: 99, organisations: 150, experts: 5, researchers: 5 });
    const users = demoUsers(small);
    const o = new Set(small.organisations.map((x) => x.uscc));
    const p = new Set(small.people.map((x) => x.key));
    for (const u of users) {
      if (u.orgUscc !== null) expect(o.has(u.orgUscc)).toBe(true);
      if (u.personKey !== null) expect(p.has(u.personKey)).toBe(true);
    }
    expect(users.find((u) => u.role === 'unit_admin')!.orgUscc).not.toBeNull();
  });
});
