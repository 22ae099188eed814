import { describe, expect, it } from 'vitest';
import {
  GUANGZHOU_CODE,
  GUANGZHOU_DISTRICTS,
  REGIONS,
  childRegions,
  isGuangzhouRegion,
  isValidRegionCode,
  regionByCode,
  regionLabel,
} from '../src/region.js';

const MUNICIPALITIES = ['11', '12', '31', '50', '81', '82'];

describe('region table', () => {
  it('has all eleven districts of Guangzhou', () => {
    expect(GUANGZHOU_DISTRICTS.map((r) => [r.code, r.nameZh])).toEqual([
      ['440103', '荔湾区'],
      ['440104', '越秀区'],
      ['440105', '海珠区'],
      ['440106', '天河区'],
      ['440111', '白云区'],
      ['440112', '黄埔区'],
      ['440113', '番禺区'],
      ['440114', '花都区'],
      ['440115', '南沙区'],
      ['440117', '从化区'],
      ['440118', '增城区'],
    ]);
    expect(regionByCode(GUANGZHOU_CODE)).toMatchObject({ nameZh: '广州市', level: 'prefecture', provinceCode: '440000' });
  });

  it('has unique six-digit codes, names in both languages, and their parents', () => {
    const codes = REGIONS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of REGIONS) {
      expect(r.code).toMatch(/^\d{6}$/);
      expect(r.nameZh).not.toBe('');
      expect(r.nameEn).not.toBe('');
      expect(regionByCode(r.provinceCode)?.level).toBe('province');
      if (r.level === 'county' && !MUNICIPALITIES.includes(r.code.slice(0, 2))) {
        expect(regionByCode(r.code.slice(0, 4) + '00'), r.code).not.toBeNull();
      }
    }
  });

  it('covers Guangdong cities and the main university cities elsewhere', () => {
    for (const code of ['440300', '440305', '440400', '440600', '441900', '442000', '110108', '110105', '110102']) {
      expect(isValidRegionCode(code), code).toBe(true);
    }
    for (const code of ['310104', '310110', '310115', '320100', '330100', '420100', '610100', '510100', '340100']) {
      expect(isValidRegionCode(code), code).toBe(true);
    }
    for (const code of ['430100', '120000', '230100', '810000', '820000']) {
      expect(isValidRegionCode(code), code).toBe(true);
    }
    expect(regionByCode('810000')?.nameEn).toBe('Hong Kong SAR');
  });

  it('lists children of a province or city', () => {
    expect(childRegions('440100')).toEqual([...GUANGZHOU_DISTRICTS]);
    const gd = childRegions('440000').map((r) => r.code);
    expect(gd).toContain('440100');
    expect(gd).toContain('441900');
    expect(gd).not.toContain('440106');
    expect(childRegions('440106')).toEqual([]);
  });
});

describe('isGuangzhouRegion (在穗 by registered region)', () => {
  it('is true for the city and any 4401xx code', () => {
    expect(isGuangzhouRegion('440100')).toBe(true);
    expect(isGuangzhouRegion('440106')).toBe(true);
    expect(isGuangzhouRegion('440118')).toBe(true);
    expect(isGuangzhouRegion('440101')).toBe(true); // 市辖区, seen in credit codes; not in the table
  });

  it('is false elsewhere and for malformed codes', () => {
    for (const code of ['440300', '441900', '440000', '110108', '4401', '4401061', ' 440106', '44010a', '']) {
      expect(isGuangzhouRegion(code), code).toBe(false);
    }
  });
});

describe('isValidRegionCode', () => {
  it('requires six digits and a known code', () => {
    expect(isValidRegionCode('440106')).toBe(true);
    expect(isValidRegionCode('440199')).toBe(false);
    expect(isValidRegionCode('999999')).toBe(false);
    expect(isValidRegionCode('44010')).toBe(false);
    expect(isValidRegionCode('abcdef')).toBe(false);
  });
});

describe('regionLabel', () => {
  it('builds the full name from province down', () => {
    expect(regionLabel('440106', 'zh')).toBe('广东省广州市天河区');
    expect(regionLabel('440106', 'en')).toBe('Tianhe District, Guangzhou, Guangdong');
    expect(regionLabel('440100', 'zh')).toBe('广东省广州市');
    expect(regionLabel('440000', 'zh')).toBe('广东省');
    expect(regionLabel('441900', 'zh')).toBe('广东省东莞市');
    expect(regionLabel('230103', 'zh')).toBe('黑龙江省哈尔滨市南岗区');
  });

  it('does not repeat a municipality', () => {
    expect(regionLabel('110108', 'zh')).toBe('北京市海淀区');
    expect(regionLabel('310115', 'en')).toBe('Pudong New Area, Shanghai');
    expect(regionLabel('810000', 'zh')).toBe('香港特别行政区');
    expect(regionLabel('820000', 'en')).toBe('Macao SAR');
  });

  it('returns an unknown code as is', () => {
    expect(regionLabel('440199', 'zh')).toBe('440199');
    expect(regionLabel('', 'en')).toBe('');
  });
});
