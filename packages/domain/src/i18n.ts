/** Bilingual text: every user-facing message in the domain carries both Chinese and English. */

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export type Text = { zh: string; en: string };

/** The message in one language. */
export function textIn(text: Text, lang: Lang): string {
  return text[lang];
}

/** True for 'zh' and 'en'. */
export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}
