import { pickLang, type Lang } from './lang';
import { dictionaries, type Dictionary, type MessageKey } from './locales';

export type { Lang, MessageKey };
export { pickLang };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A lookup for one language; a missing key falls back to English, `{name}` takes vars.name. */
export function translator(lang: Lang, dicts: Record<string, Partial<Dictionary>> = dictionaries): Translate {
  const dict = dicts[lang] ?? {};
  const fallback = dicts.en ?? {};
  return (key, vars) => {
    const template = dict[key] ?? fallback[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  };
}
