import type { ApiScope } from '#protocol';
import { loginAs } from './support';

/** The data API tests' helpers (issue 20): a super user's token, a key with some scopes, and calls with it. */

export async function superToken(hubUrl: string): Promise<string> {
  return (await loginAs(hubUrl, 'alex@demo.parley.test')).body.token;
}

export async function makeKey(hubUrl: string, token: string, scopes: ApiScope[], name = 'Shop sync') {
  const res = await fetch(`${hubUrl}/api/admin/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ name, scopes }),
  });
  if (res.status !== 201) throw new Error(`making a key: ${res.status} ${await res.text()}`);
  return (await res.json()) as { key: { id: string }; secret: string };
}

/** POST a row (an object, sent as JSON) or NDJSON text to /api/v1/<path>. */
export async function send(
  hubUrl: string,
  secret: string | null,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${hubUrl}/api/v1/${path}`, {
    method: 'POST',
    headers: {
      ...(secret ? { authorization: `Bearer ${secret}` } : {}),
      'content-type': typeof body === 'string' ? 'application/x-ndjson' : 'application/json',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

export const ndjson = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');

export const product = (sku: string, priceCents = 1500) => ({
  sku,
  name: `Lamp ${sku}`,
  brand: 'Lumen',
  category: 'Lighting',
  priceCents,
});
