import { describe, expect, it } from 'vitest';
import { LANGS, isLang, textIn, type Text } from '../src/i18n.js';

describe('i18n', () => {
  it('picks one language', () => {
    const t: Text = { zh: '广州', en: 'Guangzhou' };
    expect(textIn(t, 'zh')).toBe('广州');
    expect(textIn(t, 'en')).toBe('Guangzhou');
  });

  it('knows its languages', () => {
    expect(LANGS).toEqual(['zh', 'en']);
    expect(isLang('zh')).toBe(true);
    expect(isLang('zh-CN')).toBe(false);
    expect(isLang(undefined)).toBe(false);
  });
});
