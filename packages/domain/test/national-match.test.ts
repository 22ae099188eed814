import { describe, expect, it } from 'vitest';
import { buildOrgIndex, makeUscc, matchUnit, normaliseOrgName, normaliseOrgNameFull, personKey, type MatchOrg } from '@rdplan/domain';

const U1 = makeUscc('9', '1', '440106', 'MA5AAA01');
const U2 = makeUscc('9', '1', '440112', 'MA5AAA02');
const U3 = makeUscc('9', '1', '110108', 'MA5AAA03');
const U4 = makeUscc('1', '2', '440106', '45678901');

const orgs: MatchOrg[] = [
  { id: 'o1', uscc: U1, name: '广州华鹏信息技术有限公司', formerNames: [], type: 'enterprise', regionCode: '440106' },
  {
    id: 'o2',
    uscc: U2,
    name: '广州云峰智能科技股份有限公司',
    formerNames: [{ name: '广州云峰电子有限公司', until: '2019-05-01' }],
    type: 'enterprise',
    regionCode: '440112',
  },
  { id: 'o3', uscc: U3, name: '北京启明信息技术有限公司', formerNames: [], type: 'enterprise', regionCode: '110108' },
  {
    id: 'o4',
    uscc: U4,
    name: '羊城海洋科技大学',
    formerNames: [{ name: '羊城海洋学院', until: '2012-01-01' }],
    type: 'university',
    regionCode: '440106',
  },
  // Two organisations whose names differ only by the place prefix.
  { id: 'o5', uscc: makeUscc('9', '1', '440106', 'MA5AAA05'), name: '广州明德生物科技有限公司', formerNames: [], regionCode: '440106' },
  { id: 'o6', uscc: makeUscc('9', '1', '440104', 'MA5AAA06'), name: '广东明德生物科技有限公司', formerNames: [], regionCode: '440104' },
  { id: 'o7', uscc: makeUscc('9', '1', '440113', 'MA5AAA07'), name: '德尔（广州）汽车电子有限公司', formerNames: [], regionCode: '440113' },
];
const index = buildOrgIndex(orgs);

describe('normaliseOrgName', () => {
  it('folds full-width characters, brackets and spaces', () => {
    expect(normaliseOrgNameFull('广州华鹏信息技术有限公司　').clean).toBe('广州华鹏信息技术有限公司');
    expect(normaliseOrgNameFull('ＡＢＣ 科技（广州）有限公司').clean).toBe('abc科技(广州)有限公司');
    expect(normaliseOrgNameFull('德尔【广州】汽车电子有限公司').clean).toBe(normaliseOrgNameFull('德尔（广州）汽车电子有限公司').clean);
    expect(normaliseOrgNameFull('德尔[广州]汽车·电子 有限公司').clean).toBe('德尔(广州)汽车电子有限公司');
  });

  it('strips legal-form suffixes but keeps 集团', () => {
    const a = normaliseOrgNameFull('广州云峰智能科技股份有限公司').form;
    expect(normaliseOrgNameFull('广州云峰智能科技有限公司').form).toBe(a);
    expect(normaliseOrgNameFull('广州云峰智能科技有限责任公司').form).toBe(a);
    expect(normaliseOrgName('广州云峰集团有限公司')).toBe('云峰集团');
  });

  it('strips province and city prefixes and parenthesised places, reporting them', () => {
    expect(normaliseOrgName('广东省广州市华鹏信息技术有限公司')).toBe('华鹏信息技术');
    expect(normaliseOrgName('华鹏信息技术有限公司')).toBe('华鹏信息技术');
    const n = normaliseOrgNameFull('德尔(广州)汽车电子有限公司');
    expect(n.core).toBe('德尔汽车电子');
    expect(n.places).toEqual(['4401']);
    expect(normaliseOrgNameFull('北京市启明信息技术有限公司').places).toEqual(['11']);
    // Never strips everything.
    expect(normaliseOrgName('广州大学')).toBe('广州大学');
  });

  it('builds a conservative person key', () => {
    expect(personKey('王 立新', 'o1', 'F01.02')).toBe('王立新|o1|F01');
    expect(personKey('王立新', 'o1', 'F01.02')).not.toBe(personKey('王立新', 'o1', 'F02.01'));
    expect(personKey('  ', 'o1', null)).toBeNull();
  });
});

describe('matchUnit', () => {
  it('links by credit code and never across two different codes', () => {
    expect(matchUnit(index, { uscc: U1, name: '完全不同的名字' })).toMatchObject({
      orgId: 'o1',
      method: 'uscc',
      confidence: 1,
      status: 'matched',
    });
    const other = makeUscc('9', '1', '440106', 'MA5YYY99');
    // Same name as o1 but another valid credit code: never linked, but a possible match for the analysts.
    const r = matchUnit(index, { uscc: other, name: '广州华鹏信息技术有限公司' });
    expect(r.orgId).toBeNull();
    expect(r.method).toBeNull();
    expect(r.status).toBe('review');
    expect(r.reason).toBe('code_conflict');
    expect(r.candidates.map((c) => c.orgId)).toEqual(['o1']);
    expect(r.confidence).toBeLessThan(0.6);
    // A near-same name (a typo) with another code: the same.
    const typo = matchUnit(index, { uscc: other, name: '广州华鹏信息技木有限公司' });
    expect([typo.status, typo.reason, typo.orgId, typo.candidates[0]?.orgId]).toEqual(['review', 'code_conflict', null, 'o1']);
    // Nothing alike in the registry: unmatched, as before.
    expect(matchUnit(index, { uscc: other, name: '某某完全无关研究院' })).toMatchObject({ status: 'unmatched', orgId: null });
  });

  it('ignores an invalid credit code and falls back to the name', () => {
    expect(matchUnit(index, { uscc: '91440106MA5AAA0100', name: '广州华鹏信息技术有限公司' }).orgId).toBe('o1');
  });

  it('matches noisy names: full width, brackets, suffix, prefixes', () => {
    for (const name of [
      '广州华鹏信息技术有限公司',
      '广州华鹏信息技术股份有限公司',
      '广东省广州市华鹏信息技术有限公司',
      '华鹏信息技术有限公司',
      '广州 华鹏信息技术有限公司',
    ]) {
      expect(matchUnit(index, { name })).toMatchObject({ orgId: 'o1', status: 'matched' });
    }
    expect(matchUnit(index, { name: '德尔【广州】汽车电子有限公司' })).toMatchObject({ orgId: 'o7', status: 'matched', method: 'name' });
    expect(matchUnit(index, { name: '德尔汽车电子有限公司' })).toMatchObject({ orgId: 'o7', status: 'matched' });
    expect(matchUnit(index, { name: '广州华鹏信息技术有限公司' }).confidence).toBeGreaterThan(
      matchUnit(index, { name: '华鹏信息技术有限公司' }).confidence,
    );
  });

  it('matches former names', () => {
    expect(matchUnit(index, { name: '广州云峰电子有限公司' })).toMatchObject({ orgId: 'o2', method: 'former_name', status: 'matched' });
    expect(matchUnit(index, { name: '羊城海洋学院' })).toMatchObject({ orgId: 'o4', method: 'former_name' });
  });

  it('does not link a name that says another place', () => {
    const r = matchUnit(index, { name: '上海华鹏信息技术有限公司' });
    expect(r.status).not.toBe('matched');
    expect(matchUnit(index, { name: '启明信息技术有限公司', regionCode: '440106' }).status).not.toBe('matched');
  });

  it('sends ambiguous names to review with candidates', () => {
    const r = matchUnit(index, { name: '明德生物科技有限公司' });
    expect(r.status).toBe('review');
    expect(r.orgId).toBeNull();
    expect(r.candidates.map((c) => c.orgId).sort()).toEqual(['o5', 'o6']);
    // The exact name still decides.
    expect(matchUnit(index, { name: '广东明德生物科技有限公司' })).toMatchObject({ orgId: 'o6', status: 'matched' });
    // The unit's region narrows it.
    expect(matchUnit(index, { name: '明德生物科技有限公司', regionCode: '440104' }).orgId).toBe('o6');
  });

  it('sends typos to review and unknown names to unmatched', () => {
    const typo = matchUnit(index, { name: '广州华鹏信息技朮有限公司' });
    expect(typo.status).toBe('review');
    expect(typo.candidates[0]?.orgId).toBe('o1');
    expect(matchUnit(index, { name: '杭州之江新材料研究院' })).toMatchObject({ status: 'unmatched', orgId: null });
  });
});
