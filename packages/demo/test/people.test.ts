import { describe, expect, it } from 'vitest';
import { FIELD_DEFS, TITLE_NAMES } from '../src/index.js';
import { isGuangzhouRegion } from '@rdplan/domain';
import { currentAffiliation, defaultRegistry } from './helpers.js';

const reg = defaultRegistry();
const orgs = new Map(reg.organisations.map((o) => [o.uscc, o]));
const experts = reg.people.filter((p) => p.isExpert);
const fieldCodes = new Set(reg.fields.map((f) => f.code));
const current = (p: (typeof reg.people)[number]) => orgs.get(currentAffiliation(p)[0]!.uscc)!;

describe('people', () => {
  it('have unique, stable keys and unique emails', () => {
    reg.people.forEach((p, i) => expect(p.key).toBe(`P${String(i + 1).padStart(6, '0')}`));
    const emails = reg.people.map((p) => p.email).filter((e): e is string => e !== null);
    expect(new Set(emails).size).toBe(emails.length);
    for (const e of emails) expect(e).toMatch(/^p\d{6}@example\.(edu|org|com)\.cn$/);
    expect(experts.every((p) => p.email !== null)).toBe(true);
  });

  it('have Chinese names of 2–4 characters with a realistic surname mix', () => {
    for (const p of reg.people) expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    const top = ['王', '李', '张', '刘', '陈'];
    const topShare = reg.people.filter((p) => top.includes(p.name[0]!)).length / reg.people.length;
    expect(topShare).toBeGreaterThan(0.2);
    expect(topShare).toBeLessThan(0.45);
    // Duplicated full names happen, keys keep people apart.
    expect(new Set(reg.people.map((p) => p.name)).size).toBeLessThan(reg.people.length);
  });

  it('have 1–3 affiliations at existing organisations, exactly one current, chronological', () => {
    for (const p of reg.people) {
      expect(p.affiliations.length).toBeGreaterThanOrEqual(1);
      expect(p.affiliations.length).toBeLessThanOrEqual(3);
      expect(currentAffiliation(p)).toHaveLength(1);
      expect(p.affiliations.at(-1)!.to).toBeNull();
      for (const a of p.affiliations) {
        expect(orgs.has(a.uscc)).toBe(true);
        expect(a.position.length).toBeGreaterThan(1);
        if (a.to !== null) expect(a.from <= a.to).toBe(true);
      }
      for (let i = 1; i < p.affiliations.length; i++) expect(p.affiliations[i - 1]!.to! < p.affiliations[i]!.from).toBe(true);
      expect(new Set(p.affiliations.map((a) => a.uscc)).size).toBe(p.affiliations.length);
    }
    expect(reg.people.some((p) => p.affiliations.length === 3)).toBe(true);
  });

  it('have titles coherent with the current affiliation type', () => {
    for (const p of reg.people) {
      const org = current(p);
      if (p.titleLevel === 'none') expect(p.titleName).toBeNull();
      else expect(p.titleName).toBe(TITLE_NAMES[org.type][p.titleLevel]);
    }
    const names = new Set(reg.people.map((p) => p.titleName));
    for (const t of ['教授', '副教授', '研究员', '副研究员', '主任医师', '副主任医师', '正高级工程师', '高级工程师'])
      expect(names.has(t)).toBe(true);
  });

  it('have 1–3 known field codes and 2–5 keywords from those fields', () => {
    for (const p of reg.people) {
      expect(p.fieldCodes.length).toBeGreaterThanOrEqual(1);
      expect(p.fieldCodes.length).toBeLessThanOrEqual(3);
      expect(new Set(p.fieldCodes).size).toBe(p.fieldCodes.length);
      for (const c of p.fieldCodes) expect(fieldCodes.has(c)).toBe(true);
      expect(p.keywords.length).toBeGreaterThanOrEqual(2);
      expect(p.keywords.length).toBeLessThanOrEqual(5);
      const vocab = new Set(p.fieldCodes.flatMap((c) => FIELD_DEFS.find((f) => f.code === c.slice(0, 3))!.keywords));
      for (const k of p.keywords) expect(vocab.has(k)).toBe(true);
    }
  });

  it('has senior experts spread over all fields, 20–30 % from enterprises, some in chain-leader groups', () => {
    expect(experts.every((p) => p.titleLevel === 'senior' || p.titleLevel === 'associate_senior')).toBe(true);
    expect(experts.filter((p) => p.titleLevel === 'senior').length / experts.length).toBeGreaterThan(0.65);
    for (const f of FIELD_DEFS) {
      expect(experts.filter((p) => p.fieldCodes[0]!.startsWith(f.code)).length).toBeGreaterThanOrEqual(Math.floor(experts.length / 12) - 1);
    }
    const fromEnterprises = experts.filter((p) => current(p).type === 'enterprise').length / experts.length;
    expect(fromEnterprises).toBeGreaterThan(0.2);
    expect(fromEnterprises).toBeLessThan(0.3);
    expect(experts.filter((p) => current(p).type !== 'enterprise').length / experts.length).toBeGreaterThan(0.7);

    const parent = new Map(reg.controlEdges.map((e) => [e.childUscc, e.parentUscc]));
    const root = (u: string): string => (parent.has(u) ? root(parent.get(u)!) : u);
    const leaders = new Set(reg.chains.flatMap((c) => c.leaderUsccs));
    const inLeaderGroups = experts.filter((p) => leaders.has(root(currentAffiliation(p)[0]!.uscc)));
    expect(inLeaderGroups.length).toBeGreaterThan(20);
    expect(leaders.has(currentAffiliation(experts[1]!)[0]!.uscc)).toBe(true);
  });

  it('mostly work in Guangzhou', () => {
    const gz = reg.people.filter((p) => isGuangzhouRegion(current(p).regionCode)).length / reg.people.length;
    expect(gz).toBeGreaterThan(0.7);
  });
});
