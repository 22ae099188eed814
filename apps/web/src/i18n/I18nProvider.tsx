import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Lang, Text } from '@rdplan/domain';
import { MESSAGES, type MessageKey } from './messages';
import { setApiLang } from '../api/client';

const STORAGE_KEY = 'rdplan.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** Picks the current language from a bilingual domain text. */
  tx: (text: Text) => string;
  /** Picks nameZh / nameEn from a record. */
  nameOf: (r: { nameZh: string; nameEn: string }) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

function initialLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'zh' || v === 'en') return v;
  } catch {
    /* storage unavailable */
  }
  return 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  setApiLang(lang);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = MESSAGES['app.title'][lang];
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* storage unavailable */
    }
    setApiLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18nValue>(() => {
    const t: Translate = (key, vars) => {
      let s: string = MESSAGES[key][lang];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
      return s;
    };
    return {
      lang,
      setLang,
      t,
      tx: (text) => text[lang],
      nameOf: (r) => (lang === 'zh' ? r.nameZh : r.nameEn),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
