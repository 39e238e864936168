import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { lookupText, type Lang, type MessageKey } from './messages';

type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.one` ? Base : never) : never;

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** A count with its noun: picks `<key>.one` or `<key>.other` by the language's plural rules. */
  tn: (key: PluralKey, count: number) => string;
  /** Numbers the Swedish way in Swedish (1 234,5), the English way in English. */
  formatNumber: (n: number, digits?: number) => string;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'kunskapsnav.lang';

function initialLang(): Lang {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === 'en' ? 'en' : 'sv';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem(STORAGE_KEY, lang);
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const locale = lang === 'sv' ? 'sv-SE' : 'en-GB';
    const t = (key: MessageKey, vars?: Record<string, string | number>): string => {
      // A key whose area is not loaded shows as itself rather than as nothing (./areas.test.ts).
      let text = lookupText(lang, key) ?? key;
      if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
      return text;
    };
    const plurals = new Intl.PluralRules(locale);
    // One formatter per number of decimals: toLocaleString builds a new one on every call, which
    // costs a ranking of 290 municipalities tens of milliseconds.
    const formats = new Map<number, Intl.NumberFormat>();
    const formatNumber = (n: number, digits = 0): string => {
      let f = formats.get(digits);
      if (!f) {
        f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
        formats.set(digits, f);
      }
      return f.format(n);
    };
    return {
      lang,
      setLang,
      t,
      tn: (key, count) =>
        t(`${key}.${plurals.select(count) === 'one' ? 'one' : 'other'}` as MessageKey, {
          count: formatNumber(count),
        }),
      formatNumber,
    };
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
