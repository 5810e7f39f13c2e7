/**
 * WhatsApp template bodies (FEATURES G2): Meta's `{{1}}`, `{{2}}` … placeholders, how many parameters a
 * body needs and the body filled in. One reading for both sides: the side panel previews with it, the
 * hub fills the transcript's text with it (and refuses a template sent with a parameter missing).
 */
const PLACEHOLDER = /\{\{(\d+)\}\}/g;

/** The highest placeholder number: `Hi {{1}}, order {{2}}` needs 2 parameters. */
export function templateParamCount(body: string): number {
  return Math.max(0, ...[...body.matchAll(PLACEHOLDER)].map((m) => Number(m[1])));
}

/**
 * The body with each placeholder replaced by its parameter (trimmed). A placeholder with no parameter,
 * or only a blank one, stays as `{{n}}` and its number is in `missing` (in order of appearance, once).
 */
export function fillTemplate(body: string, params: readonly string[]): { text: string; missing: number[] } {
  const missing: number[] = [];
  const text = body.replace(PLACEHOLDER, (whole, n: string) => {
    const value = params[Number(n) - 1]?.trim();
    if (value) return value;
    if (!missing.includes(Number(n))) missing.push(Number(n));
    return whole;
  });
  return { text, missing };
}
