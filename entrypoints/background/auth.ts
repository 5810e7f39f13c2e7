import { ErrorBody, LoginResponse, type LoginRequest } from '#protocol';
import type { SignInResult } from '#utils/messaging';

/** REST half of the session: login returns a token the socket then presents in `hello`. */

/** This computer only: a hub here may speak plain http:// (the demo, development), nobody else can listen in. */
export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(bare) || bare === '::1';
}

/**
 * Accepts "127.0.0.1:8787" too (a bare address is http:// on this computer, https:// anywhere else);
 * returns the origin-plus-path form without a trailing slash.
 */
export function normalizeHubUrl(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  try {
    let url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!/^[a-z]+:\/\//i.test(trimmed) && !isLoopbackHost(url.hostname)) url = new URL(`https://${trimmed}`);
    return url.toString().replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/**
 * A hub the rep's password and token may go to (FEATURES I4): https:// (and so wss://), or plain http://
 * only on this computer. Anywhere else plain http:// would send both readable to anyone on the way.
 */
export const isSecureHubUrl = (hubUrl: string): boolean => {
  const url = new URL(hubUrl);
  return url.protocol === 'https:' || isLoopbackHost(url.hostname);
};

export async function login(
  hubUrl: string,
  request: LoginRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<({ ok: true } & LoginResponse) | Extract<SignInResult, { ok: false }>> {
  let response: Response;
  try {
    response = await fetchImpl(`${hubUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch (error) {
    return { ok: false, reason: 'unreachable', message: String((error as Error)?.message ?? error) };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = LoginResponse.safeParse(body);
    if (parsed.success) return { ok: true, ...parsed.data };
    return { ok: false, reason: 'rejected', message: 'the hub sent an unexpected answer' };
  }
  const error = ErrorBody.safeParse(body);
  if (response.status === 401)
    return {
      ok: false,
      reason: 'wrong-credentials',
      message: error.success ? error.data.error.message : 'unauthorized',
    };
  return {
    ok: false,
    reason: 'rejected',
    message: error.success ? error.data.error.message : `HTTP ${response.status}`,
  };
}

/** Best effort: signing out locally must work even when the hub is gone. */
export async function logout(hubUrl: string, token: string, fetchImpl: typeof fetch = fetch): Promise<void> {
  try {
    await fetchImpl(`${hubUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  } catch {
    // The token expires on the hub by itself.
  }
}
