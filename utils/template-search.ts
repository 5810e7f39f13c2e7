import { TEMPLATE_LANGUAGES, type Template, type TemplateLanguage } from '#protocol';
import { uiLanguage } from './i18n';

/** Finding a quick reply (FEATURES D5): by title, text or category, within one language or all. */

export interface TemplateFilter {
  query: string;
  /** 'all' shows every language. */
  language: TemplateLanguage | 'all';
  /** 'all' shows every category. */
  category: string | 'all';
}

/** Lower case without accents, so "cafe" finds "Café" and "zolw" finds "żółw". */
const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'l').toLowerCase();

/**
 * Templates matching every word of the query in their title, category or text; title matches first,
 * then by category and title.
 */
export function searchTemplates(templates: readonly Template[], filter: TemplateFilter): Template[] {
  const words = fold(filter.query).split(/\s+/).filter(Boolean);
  const scored = templates.flatMap((tpl) => {
    if (filter.language !== 'all' && tpl.language !== filter.language) return [];
    if (filter.category !== 'all' && tpl.category !== filter.category) return [];
    const title = fold(tpl.title);
    const all = `${title} ${fold(tpl.category)} ${fold(tpl.text)}`;
    if (!words.every((w) => all.includes(w))) return [];
    const titleHits = words.filter((w) => title.includes(w)).length;
    return [{ tpl, titleHits }];
  });
  return scored
    .sort(
      (a, b) =>
        b.titleHits - a.titleHits ||
        a.tpl.category.localeCompare(b.tpl.category) ||
        a.tpl.title.localeCompare(b.tpl.title),
    )
    .map((s) => s.tpl);
}

/** The template language matching the browser's UI language, or English. */
export function repTemplateLanguage(ui = uiLanguage()): TemplateLanguage {
  const base = ui.toLowerCase().split(/[-_]/)[0];
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(base) ? (base as TemplateLanguage) : 'en';
}

/**
 * The language the picker starts filtered to: the rep's own when the chat has templates in it,
 * otherwise all languages (a filter that shows nothing would hide the templates there are).
 */
export function initialLanguage(templates: readonly Template[], mine: TemplateLanguage): TemplateLanguage | 'all' {
  return templates.some((tpl) => tpl.language === mine) ? mine : 'all';
}

/** The categories in use, sorted for the filter. */
export const categoriesOf = (templates: readonly Template[]) =>
  [...new Set(templates.map((tpl) => tpl.category))].sort((a, b) => a.localeCompare(b));
