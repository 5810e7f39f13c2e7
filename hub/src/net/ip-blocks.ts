import ipaddr from 'ipaddr.js';
import { LIMITS } from '#protocol';
import type { TrustProxy } from './client-ip';

/**
 * Which addresses a rep's block may cover, and for how long (FEATURES C6, I4). Blocking an address shuts
 * out everyone behind it: a private, loopback or carrier-grade NAT address, or one of our own proxies,
 * stands for a whole office or the whole internet, so those are never blocked (the visitor id still is),
 * and the refusal says why. Addresses change hands, so an address block ends after LIMITS.ipBlockMaxDays
 * even when the visitor's block is permanent.
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

/** When an address block made now ends: the visitor's block's end, but never later than LIMITS.ipBlockMaxDays. */
export function ipBlockUntil(now: number, visitorUntil: Date | null): Date {
  const max = now + LIMITS.ipBlockMaxDays * 86_400_000;
  return new Date(visitorUntil ? Math.min(visitorUntil.getTime(), max) : max);
}
