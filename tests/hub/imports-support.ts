import type { ImportKind, ImportMode, ImportProgressLine } from '#protocol';

/** The CSV import tests' helpers (issue 20): send mapped rows as the console does, read the streamed answer. */

export const importBody = (rows: { line: number; row: unknown }[]) => rows.map((r) => JSON.stringify(r)).join('\n');

/** POST /api/admin/imports/<kind>; a refused request answers its error body, an accepted one its NDJSON lines. */
export async function sendImport(hubUrl: string, token: string, kind: ImportKind, mode: ImportMode, body: string) {
  const res = await fetch(`${hubUrl}/api/admin/imports/${kind}?mode=${mode}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body,
  });
  const text = await res.text();
  if (res.status !== 200) return { status: res.status, error: JSON.parse(text).error, lines: [], report: null };
  const lines = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ImportProgressLine);
  const last = lines.at(-1);
  return { status: res.status, error: null, lines, report: last && 'report' in last ? last.report : null };
}

export const csvProduct = (sku: string, name = `Lamp ${sku}`): Record<string, unknown> => ({
  sku,
  name,
  brand: 'Lumen',
  category: 'Lighting',
  priceCents: 2500,
});
