import { dictionaries, type Dictionary, type Lang, type MessageKey } from './locales';

export type { Lang, MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * The first supported language among the candidates (the script tag's `lang`, then the browser's
 * languages), matched on the primary subtag: "de-CH" → de. Anything else falls back to English.
 */
export function pickLang(candidates: ReadonlyArray<string | null | undefined>): Lang {
  for (const c of candidates) {
    const primary = (c ?? '').trim().toLowerCase().split(/[-_]/)[0];
    if (primary && Object.prototype.hasOwnProperty.call(dictionaries, primary)) return primary as Lang;
  }
  return 'en';
}

/** A lookup for one language; a missing key falls back to English, `{name}` takes vars.name. */
export function translator(lang: Lang, dicts: Record<string, Partial<Dictionary>> = dictionaries): Translate {
  const dict = dicts[lang] ?? {};
  const fallback = dicts.en ?? {};
  return (key, vars) => {
    const template = dict[key] ?? fallback[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  };
}
