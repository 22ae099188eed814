import { describe, expect, it } from 'vitest';
import { isGuangzhouRegion, isValidRegionCode, isValidUscc, usccParts } from '@rdplan/domain';
import { CHAIN_DEFS, demoRegionInfo as regionInfo } from '../src/index.js';
import { defaultRegistry } from './helpers.js';

const reg = defaultRegistry();
const orgs = reg.organisations;
const enterprises = orgs.filter((o) => o.type === 'enterprise');
const share = (n: number, d: number) => n / d;

describe('chains and fields', () => {
  it('has the 21 key industry chains with 1–2 leaders each', () => {
    expect(reg.chains.map((c) => c.code)).toEqual(Array.from({ length: 21 }, (_, i) => `C${String(i + 1).padStart(2, '0')}`));
    expect(new Set(reg.chains.map((c) => c.nameZh)).size).toBe(21);
    expect(reg.chains[0]!.nameZh).toBe('智能网联与新能源汽车');
    const byUscc = new Map(orgs.map((o) => [o.uscc, o]));
    const allLeaders = reg.chains.flatMap((c) => c.leaderUsccs);
    expect(new Set(allLeaders).size).toBe(allLeaders.length);
    for (const c of reg.chains) {
      expect(c.leaderUsccs.length).toBeGreaterThanOrEqual(1);
      expect(c.leaderUsccs.length).toBeLessThanOrEqual(2);
      for (const u of c.leaderUsccs) {
        const o = byUscc.get(u)!;
        expect(o.type).toBe('enterprise');
        expect(o.name).toMatch(/集团/);
        expect(isGuangzhouRegion(o.regionCode)).toBe(true);
        expect(CHAIN_DEFS.find((d) => d.code === c.code)!.districts).toContain(o.regionCode);
        expect(o.aboveDesignatedSize).toBe(true);
        expect(o.hnteValidTo! >= '2026-01-01').toBe(true);
      }
    }
  });
  it('has 12 fields with 3–6 directions each', () => {
    const top = reg.fields.filter((f) => f.parentCode === null);
    expect(top.map((f) => f.code)).toEqual(Array.from({ length: 12 }, (_, i) => `F${String(i + 1).padStart(2, '0')}`));
    for (const f of top) {
      const dirs = reg.fields.filter((d) => d.parentCode === f.code);
      expect(dirs.length).toBeGreaterThanOrEqual(3);
      expect(dirs.length).toBeLessThanOrEqual(6);
      dirs.forEach((d, i) => expect(d.code).toBe(`${f.code}.${String(i + 1).padStart(2, '0')}`));
    }
    expect(new Set(reg.fields.map((f) => f.code)).size).toBe(reg.fields.length);
  });
});

describe('organisations', () => {
  it('has the expected type mix', () => {
    const n = orgs.length;
    const count = (t: string) => orgs.filter((o) => o.type === t).length;
    expect(share(count('enterprise'), n)).toBeCloseTo(0.78, 2);
    expect(share(count('university'), n)).toBeCloseTo(0.06, 2);
    expect(share(count('research_institute'), n)).toBeCloseTo(0.08, 2);
    expect(share(count('medical_institution'), n)).toBeCloseTo(0.05, 2);
    expect(share(count('other'), n)).toBeCloseTo(0.03, 2);
  });

  it('has valid, unique credit codes with the right authority, category and region', () => {
    const codes = new Set<string>();
    for (const o of orgs) {
      expect(isValidUscc(o.uscc), o.uscc).toBe(true);
      expect(codes.has(o.uscc)).toBe(false);
      codes.add(o.uscc);
      const p = usccParts(o.uscc);
      expect(p.regionCode).toBe(o.regionCode);
      const ac = p.authority + p.category;
      if (o.type === 'enterprise') expect(ac).toBe('91');
      else if (o.type === 'university' || o.type === 'research_institute') expect(ac).toBe('12');
      else if (o.type === 'medical_institution') expect(['12', '52']).toContain(ac);
      else expect(['51', '53']).toContain(ac);
      if (ac === '53') expect(o.name).toMatch(/基金会$/);
    }
    const private52 = orgs.filter((o) => o.uscc.startsWith('52'));
    expect(private52.length).toBeGreaterThan(0);
    for (const o of private52) expect(o.name).not.toMatch(/附属|人民医院/);
  });

  it('has unique names, former names included', () => {
    const all = orgs.flatMap((o) => [o.name, ...o.formerNames.map((f) => f.name)]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('names organisations in a realistic style', () => {
    for (const o of orgs) {
      if (o.type === 'enterprise') expect(o.name).toMatch(/(有限公司|股份有限公司)$/);
      if (o.type === 'university') expect(o.name).toMatch(/(大学|学院)$/);
      if (o.type === 'research_institute') expect(o.name).toMatch(/(研究院|研究所)$/);
      if (o.type === 'medical_institution') expect(o.name).toMatch(/(医院|中心)$/);
      expect(o.name).not.toMatch(/undefined|null/);
    }
    expect(orgs.some((o) => /^华南.+大学$/.test(o.name))).toBe(true);
    expect(orgs.some((o) => /^中国科学院.+研究所$/.test(o.name))).toBe(true);
    expect(orgs.some((o) => /^广州市第.+人民医院$/.test(o.name))).toBe(true);
    expect(orgs.some((o) => /附属第.医院$/.test(o.name))).toBe(true);
    expect(orgs.some((o) => /（广州）/.test(o.name))).toBe(true);
  });

  it('uses 6-digit known region codes, about 75 % in Guangzhou over its 11 districts', () => {
    for (const o of orgs) {
      expect(o.regionCode).toMatch(/^\d{6}$/);
      expect(isValidRegionCode(o.regionCode), o.regionCode).toBe(true);
      expect(() => regionInfo(o.regionCode)).not.toThrow();
      expect(o.address).toContain(regionInfo(o.regionCode).city);
    }
    const gz = orgs.filter((o) => isGuangzhouRegion(o.regionCode));
    expect(share(gz.length, orgs.length)).toBeGreaterThan(0.72);
    expect(share(gz.length, orgs.length)).toBeLessThan(0.78);
    expect(new Set(gz.map((o) => o.regionCode)).size).toBe(11);
    const count = (code: string) => gz.filter((o) => o.regionCode === code).length;
    expect(count('440106')).toBeGreaterThan(count('440117'));
    expect(count('440112')).toBeGreaterThan(count('440103'));
  });

  it('has universities and institutes outside Guangzhou (track 3.3.d)', () => {
    const outside = orgs.filter((o) => (o.type === 'university' || o.type === 'research_institute') && !isGuangzhouRegion(o.regionCode));
    expect(outside.length).toBeGreaterThan(50);
    expect(outside.some((o) => regionInfo(o.regionCode).group === 'other_province')).toBe(true);
    expect(outside.some((o) => o.type === 'university')).toBe(true);
    expect(outside.some((o) => o.type === 'research_institute')).toBe(true);
  });

  it('sets 规上, 高新 and 科技型中小企业 at the expected rates, on enterprises only', () => {
    const n = enterprises.length;
    expect(share(enterprises.filter((o) => o.aboveDesignatedSize).length, n)).toBeGreaterThan(0.31);
    expect(share(enterprises.filter((o) => o.aboveDesignatedSize).length, n)).toBeLessThan(0.39);
    expect(share(enterprises.filter((o) => o.hnteCertNo !== null).length, n)).toBeGreaterThan(0.36);
    expect(share(enterprises.filter((o) => o.hnteCertNo !== null).length, n)).toBeLessThan(0.44);
    expect(share(enterprises.filter((o) => o.techSme).length, n)).toBeGreaterThan(0.26);
    expect(share(enterprises.filter((o) => o.techSme).length, n)).toBeLessThan(0.34);
    for (const o of orgs) {
      expect(o.aboveDesignatedSize).toBe(o.aboveDesignatedSizeYear !== null);
      if (o.aboveDesignatedSize) expect([2024, 2025]).toContain(o.aboveDesignatedSizeYear);
      expect(o.techSme).toBe(o.techSmeYear !== null);
      if (o.type !== 'enterprise') {
        expect(o.aboveDesignatedSize).toBe(false);
        expect(o.hnteCertNo).toBeNull();
        expect(o.hnteValidFrom).toBeNull();
        expect(o.hnteValidTo).toBeNull();
        expect(o.techSme).toBe(false);
      }
    }
    // Track 3.3 needs Guangzhou enterprises that are both 规上 and certified.
    const both = enterprises.filter(
      (o) => isGuangzhouRegion(o.regionCode) && o.aboveDesignatedSize && o.hnteValidTo !== null && o.hnteValidTo >= '2026-06-30',
    );
    expect(both.length).toBeGreaterThan(100);
  });

  it('has coherent high-tech certificates: valid three years, some expired, some expiring in 2026', () => {
    const certs = enterprises.filter((o) => o.hnteCertNo !== null);
    const numbers = new Set<string>();
    for (const o of certs) {
      const m = /^GR(20\d{2})(\d{2})(\d{6})$/.exec(o.hnteCertNo!);
      expect(m, o.hnteCertNo!).not.toBeNull();
      expect(m![1]).toBe(o.hnteValidFrom!.slice(0, 4));
      expect(m![2]).toBe(o.regionCode.slice(0, 2));
      expect(numbers.has(o.hnteCertNo!)).toBe(false);
      numbers.add(o.hnteCertNo!);
      const from = new Date(`${o.hnteValidFrom!}T00:00:00Z`);
      const to = new Date(`${o.hnteValidTo!}T00:00:00Z`);
      const expectedTo = new Date(Date.UTC(from.getUTCFullYear() + 3, from.getUTCMonth(), from.getUTCDate() - 1));
      expect(to.toISOString().slice(0, 10)).toBe(expectedTo.toISOString().slice(0, 10));
    }
    expect(certs.some((o) => o.hnteValidTo! < '2026-01-01')).toBe(true);
    expect(certs.some((o) => o.hnteValidTo!.startsWith('2026'))).toBe(true);
    expect(certs.some((o) => o.hnteValidTo! > '2027-01-01')).toBe(true);
    expect(certs.filter((o) => o.hnteCertNo!.includes('44')).length).toBeGreaterThan(certs.length * 0.8);
  });

  it('gives about 5 % of enterprises former names with dates', () => {
    const renamed = enterprises.filter((o) => o.formerNames.length > 0);
    expect(share(renamed.length, enterprises.length)).toBeGreaterThan(0.03);
    expect(share(renamed.length, enterprises.length)).toBeLessThan(0.08);
    for (const o of orgs) {
      let last = '';
      for (const f of o.formerNames) {
        expect(f.until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(f.until > last).toBe(true);
        expect(f.until < '2026-01-01').toBe(true);
        expect(f.name).not.toBe(o.name);
        last = f.until;
      }
    }
  });
});
