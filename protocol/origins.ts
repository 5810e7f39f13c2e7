import * as z from 'zod';

/**
 * The web origins a chat's widget may be used from (FEATURES H2). The hub refuses a browser whose
 * `Origin` is not in the list, on the visitor socket and on the widget's REST calls, before anything
 * is stored. Rules (one place, so the README, the hub and the settings page agree):
 * - an empty list allows every origin (a new chat works wherever its script tag is pasted);
 * - the hub's own origin is always allowed (its demo pages host the widget);
 * - a request without an `Origin` header is not a browser (browsers always send one on a WebSocket
 *   handshake and on a cross-origin POST); it could claim any origin anyway, so the list cannot
 *   stop it. It is let through, and later channels (messaging webhooks) prove who they are by signature.
 */
export const ORIGIN_LIMITS = {
  /** Origins one chat may list. */
  allowedOriginsPerChat: 50,
  /** Characters in one origin. */
  originChars: 200,
} as const;

/** "https://shop.example" or "http://127.0.0.1:8080": scheme, host and port only, kept as the browser writes it. */
export const AllowedOrigin = z
  .string()
  .trim()
  .max(ORIGIN_LIMITS.originChars)
  .transform((raw, ctx) => {
    const origin = toOrigin(raw);
    if (origin === null)
      ctx.issues.push({
        code: 'custom',
        input: raw,
        message: `"${raw}" is not an origin like https://shop.example (http or https, a host, an optional port, no path)`,
      });
    return origin ?? raw;
  });

export const AllowedOrigins = z.array(AllowedOrigin).max(ORIGIN_LIMITS.allowedOriginsPerChat);

/** The origin a browser would send for this address, or null when it is not a bare http(s) origin. */
export function toOrigin(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== ''))
    return null;
  // "https://shop.example/" is fine; anything after the slash is a path, not an origin.
  if (/^[a-z]+:\/\/[^/]+\/./i.test(raw)) return null;
  return url.origin;
}
