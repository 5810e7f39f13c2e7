/**
 * WhatsApp template bodies (FEATURES G2): Meta's `{{1}}`, `{{2}}` … placeholders, how many parameters a
 * body needs and the body filled in, as the side panel previews it before sending.
 */
const PLACEHOLDER = /\{\{(\d+)\}\}/g;

/** The highest placeholder number: `Hi {{1}}, order {{2}}` needs 2 parameters. */
export function templateParamCount(body: string): number {
  return Math.max(0, ...[...body.matchAll(PLACEHOLDER)].map((m) => Number(m[1])));
}

/** The body with each placeholder replaced by its parameter; one not filled in yet stays as `{{n}}`. */
export function fillTemplate(body: string, params: readonly string[]): string {
  return body.replace(PLACEHOLDER, (whole, n: string) => params[Number(n) - 1]?.trim() || whole);
}
