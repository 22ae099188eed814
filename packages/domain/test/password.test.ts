import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from '../src/common-passwords.js';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULES,
  characterClasses,
  identityFragments,
  isAcceptablePassword,
  isCommonPassword,
  passwordProblems,
} from '../src/password.js';

const codes = (pw: string, id = {}) => passwordProblems(pw, id).map((p) => p.code);

describe('passwordProblems', () => {
  it('accepts a strong password', () => {
    expect(passwordProblems('Lychee#Harbour42')).toEqual([]);
    expect(isAcceptablePassword('Tide-Pool-73x')).toBe(true);
  });

  it('checks length in characters, at the boundaries', () => {
    expect(codes('Ab1!xyzQ9')).toEqual(['too_short']); // 9
    expect(codes('Ab1!xyzQ9k')).toEqual([]); // 10
    expect(codes('Ab1!😀xyQ9k')).toEqual([]); // 10 code points, 11 UTF-16 units
    expect(codes('Ab1!😀xyQ9')).toEqual(['too_short']); // 9 code points, 10 UTF-16 units
    const max = 'Ab1!' + 'x'.repeat(PASSWORD_MAX_LENGTH - 4);
    expect(codes(max)).toEqual([]);
    expect(codes(max + 'y')).toEqual(['too_long']);
    expect(codes('')).toEqual(['too_short', 'too_few_classes']);
  });

  it('needs three of four character classes', () => {
    expect(codes('harbourlights42')).toEqual(['too_few_classes']);
    expect(codes('HARBOUR-LIGHTS')).toEqual(['too_few_classes']);
    expect(codes('harbour Lights')).toEqual([]); // space counts as a symbol
    expect(codes('harbour-42-lights')).toEqual([]);
    expect(characterClasses('aA1!')).toBe(4);
    expect(characterClasses('港口灯塔港口灯塔港口')).toBe(1);
    expect(characterClasses('Éclair9x')).toBe(3);
  });

  it('rejects the email local part and the name, case-insensitively', () => {
    const id = { email: 'Zhang.Wei@example.com', name: 'Zhang Wei' };
    expect(codes('ZHANG.wei#2025x', id)).toEqual(['contains_identity']);
    expect(codes('Harbour#Zhang77', id)).toEqual(['contains_identity']);
    expect(codes('Harbour#ZhangWei7', id)).toEqual(['contains_identity']);
    expect(codes('Harbour#Lights7', id)).toEqual([]);
    expect(codes('xLiNa#2025Qz', { name: 'Li Na' })).toEqual(['contains_identity']);
    expect(codes('Zwm#张伟明2025', { name: '张伟明' })).toEqual(['contains_identity']);
  });

  it('ignores identity parts shorter than three characters', () => {
    expect(codes('Harbour#ab12', { email: 'ab@example.com' })).toEqual([]);
    expect(codes('Harbour#王伟12', { name: '王伟' })).toEqual([]);
    expect(codes('Harbour#Li-12x', { name: 'Li', email: '' })).toEqual([]);
    expect(codes('Harbour#Li-12x', { name: null, email: null })).toEqual([]);
    expect(identityFragments({ email: 'li.na+rd@x.cn', name: 'Li Na' }).sort()).toEqual(['li na', 'li.na+rd', 'lina']);
  });

  it('rejects common passwords even with trailing digits or symbols', () => {
    expect(codes('Password2025!')).toEqual(['common']);
    expect(codes('P@ssw0rd2025')).toEqual(['common']);
    expect(codes('QWERTYuiop!!1')).toEqual(['common']);
    expect(codes('1qaz@WSX3edc')).toEqual([]);
    expect(codes('1Qaz2Wsx!!!!')).toEqual(['common']);
    expect(codes('Woaini1314520')).toEqual(['common']);
    expect(codes('woaini1314520')).toEqual(['too_few_classes', 'common']);
    expect(isCommonPassword('Abcdefgh1!')).toBe(true);
    expect(isCommonPassword('123456')).toBe(true);
    expect(isCommonPassword('!!!!')).toBe(false);
    expect(isCommonPassword('Harbour#Lights7')).toBe(false);
    // A common word with other letters after it is not the common password.
    expect(isCommonPassword('passwordsafe')).toBe(false);
  });

  it('reports every problem at once, in rule order', () => {
    expect(codes('zhangwei1', { email: 'zhangwei@example.com' })).toEqual(['too_short', 'too_few_classes', 'contains_identity']);
    expect(codes('admin')).toEqual(['too_short', 'too_few_classes', 'common']);
  });

  it('gives each problem a bilingual message', () => {
    const [p] = passwordProblems('short');
    expect(p?.message.zh).toContain(String(PASSWORD_MIN_LENGTH));
    expect(p?.message.en).toContain(String(PASSWORD_MIN_LENGTH));
  });
});

describe('PASSWORD_RULES and the common list', () => {
  it('describes all five rules in both languages', () => {
    expect(PASSWORD_RULES.map((r) => r.code)).toEqual(['too_short', 'too_long', 'too_few_classes', 'contains_identity', 'common']);
    for (const r of PASSWORD_RULES) {
      expect(r.message.zh).toMatch(/\S/);
      expect(r.message.en).toMatch(/\S/);
    }
  });

  it('has at least 100 lower-case entries without spaces', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(100);
    for (const p of COMMON_PASSWORDS) {
      expect(p).toBe(p.toLowerCase());
      expect(p).not.toMatch(/\s/);
    }
  });
});
