import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Security headers on every hub page and API answer (FEATURES I4), set by @fastify/helmet. The content
 * security policy allows only the hub's own scripts (no inline script, no inline handlers), the hub's
 * own connections (REST and WebSocket), images also from data: and blob: URLs (the widget shows a
 * fetched image as a blob:), inline styles (the demo pages have a few) and no framing at all. Resources
 * may be used cross-origin: shops load /widget.js with a plain <script> and the widget's body as a
 * module, and the API is called from other origins by design (bearer tokens, no cookies; CORS in app.ts).
 * Referrer: none. HSTS is sent only over TLS (`hstsOverTls`): over plain HTTP it would be ignored at
 * best, and behind a proxy the hub knows TLS only from a trusted proxy's X-Forwarded-Proto.
 */
export const SECURITY_HEADERS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  frameguard: { action: 'deny' },
  strictTransportSecurity: false,
};

/** One year, and for subdomains: what browsers' preload lists ask for. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** `onRequest`: HSTS on answers that go out over TLS (the hub's own, or a trusted proxy's: request.protocol). */
export async function hstsOverTls(request: FastifyRequest, reply: FastifyReply) {
  if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
}
