import ipaddr from 'ipaddr.js';
import { LIMITS } from '#protocol';
import type { TrustProxy } from './client-ip';

/**
 * What a client's address stands for (FEATURES C6, I4): one client, or many. A private, loopback or
 * carrier-grade NAT address, or one of our own proxies, stands for a whole office or the whole internet
 * (a local proxy not listed in PARLEY_TRUSTED_PROXIES makes every visitor come from it), so such an
 * address is never blocked (the visitor id still is, and the refusal says why) nor counted by per-address
 * rate limits (per-socket and per-visitor limits still apply). Addresses change hands, so an address
 * block ends after LIMITS.ipBlockMaxDays even when the visitor's block is permanent.
 */

const RANGE_NAMES: Record<string, string> = {
  private: 'a private network address',
  loopback: 'a loopback address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a private network address',
  carrierGradeNat: "a carrier's shared (CGNAT) address",
  unspecified: 'not a real address',
  reserved: 'a reserved address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
};

/** The address as blocks store and compare it: IPv4 (also when written IPv6-mapped) as is, IPv6 as its /64, which one household or phone holds whole. */
export function blockKey(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return null;
  const addr = ipaddr.process(ip);
  return addr.kind() === 'ipv4'
    ? addr.toString()
    : `${ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/64`).toString()}/64`;
}

/** Why this address may not be blocked, or null when it may. */
export function ipBlockRefusal(ip: string, trust: TrustProxy): string | null {
  if (!ipaddr.isValid(ip)) return `"${ip}" is not an IP address`;
  const addr = ipaddr.process(ip);
  const range = addr.range();
  if (range !== 'unicast')
    return `${addr.toString()} is ${RANGE_NAMES[range] ?? `a ${range} address`}, which may stand for many visitors; only the visitor was blocked`;
  if (trust(addr.toString(), 0))
    return `${addr.toString()} is one of this hub's trusted proxies (PARLEY_TRUSTED_PROXIES), through which every visitor comes; only the visitor was blocked`;
  return null;
}

/** The key a public address is blocked and counted by (blockKey), or null for an address that stands for many. */
export const addressKey = (ip: string | null, trust: TrustProxy): string | null =>
  ip && !ipBlockRefusal(ip, trust) ? blockKey(ip) : null;

/** When an address block made now ends: the visitor's block's end, but never later than LIMITS.ipBlockMaxDays. */
export function ipBlockUntil(now: number, visitorUntil: Date | null): Date {
  const max = now + LIMITS.ipBlockMaxDays * 86_400_000;
  return new Date(visitorUntil ? Math.min(visitorUntil.getTime(), max) : max);
}
