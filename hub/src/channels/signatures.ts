import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Is a webhook really from its provider (FEATURES G2, G4)? Each check recomputes the provider's
 * signature and compares it in constant time; a missing or malformed header is simply not valid.
 * - Meta (WhatsApp, Messenger): `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 of the raw body
 *   with the app secret.
 * - Twilio: `X-Twilio-Signature`, base64 HMAC-SHA1 (auth token) of the full URL Twilio called
 *   followed by every POST parameter, sorted by name, as name then value, with nothing between.
 */

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function metaSignature(appSecret: string, rawBody: Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

export function metaSignatureValid(appSecret: string, rawBody: Buffer, header: string | undefined): boolean {
  const hex = /^sha256=([0-9a-f]{64})$/i.exec(header ?? '')?.[1];
  if (!hex) return false;
  return sameBytes(Buffer.from(hex.toLowerCase(), 'hex'), createHmac('sha256', appSecret).update(rawBody).digest());
}

/** The string Twilio signs: the URL, then each parameter's name and value, sorted by name (then value, for a repeated name). */
function twilioSigned(url: string, params: URLSearchParams): string {
  const pairs = [...params.entries()].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return url + pairs.map(([k, v]) => k + v).join('');
}

export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  return createHmac('sha1', authToken).update(twilioSigned(url, params), 'utf8').digest('base64');
}

export function twilioSignatureValid(
  authToken: string,
  url: string,
  params: URLSearchParams,
  header: string | undefined,
): boolean {
  if (!header || !/^[A-Za-z0-9+/]{27}=$/.test(header)) return false;
  return sameBytes(
    Buffer.from(header, 'base64'),
    createHmac('sha1', authToken).update(twilioSigned(url, params), 'utf8').digest(),
  );
}
