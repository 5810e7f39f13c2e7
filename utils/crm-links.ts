/**
 * "Open in CRM" (FEATURES E8): per CRM site (utils/crm-sites.ts), a URL template with placeholders filled
 * from the record, e.g. `https://acme.my.salesforce.com/lightning/r/Contact/{id}/view` or `…/search?q={email}`.
 */

export const RECORD_PLACEHOLDERS = ['id', 'email', 'name', 'phone'] as const;
export type RecordValues = Record<(typeof RECORD_PLACEHOLDERS)[number], string | null>;

/**
 * The template with each {placeholder} replaced by its URL-encoded value; null when a placeholder it
 * uses has no value, or the result is not an http(s) URL (a template can never become javascript:).
 */
export function recordUrl(template: string, values: RecordValues): string | null {
  let missing = false;
  const filled = template.replace(/\{(id|email|name|phone)\}/g, (_, key: keyof RecordValues) => {
    const value = values[key];
    if (!value) missing = true;
    return encodeURIComponent(value ?? '');
  });
  if (missing) return null;
  try {
    const url = new URL(filled);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
