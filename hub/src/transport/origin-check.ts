import type { IncomingMessage } from 'node:http';
import { HubError } from '../inbox/errors';

/**
 * Is this request's browser allowed to use the chat's widget (FEATURES H2)? The rules are those of
 * protocol/origins.ts: no Origin header (not a browser), an empty list, or the hub's own origin
 * (the browser sends its Host unchanged, so a page on another site never matches it) all pass.
 */
export function originAllowed(req: Pick<IncomingMessage, 'headers'>, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || allowed.length === 0) return true;
  if (allowed.includes(origin.toLowerCase())) return true;
  try {
    return new URL(origin).host === req.headers.host?.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and anything malformed
  }
}

/** Refuses, with its own error code, a browser on an origin the chat does not allow. */
export function assertOriginAllowed(req: Pick<IncomingMessage, 'headers'>, allowed: readonly string[]): void {
  if (!originAllowed(req, allowed))
    throw new HubError('origin_not_allowed', `this chat is not available on ${req.headers.origin}`);
}
