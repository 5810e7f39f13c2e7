/** The widget's languages (FEATURES I1) and how one is chosen. Tiny on purpose: the loader uses it. */
export const LANGS = ['en', 'it', 'de', 'pl', 'cs'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * The first supported language among the candidates (the script tag's `lang`, then the browser's
 * languages), matched on the primary subtag: "de-CH" → de. Anything else falls back to English.
 */
export function pickLang(candidates: ReadonlyArray<string | null | undefined>): Lang {
  for (const c of candidates) {
    const primary = (c ?? '').trim().toLowerCase().split(/[-_]/)[0];
    if ((LANGS as readonly string[]).includes(primary)) return primary as Lang;
  }
  return 'en';
}
