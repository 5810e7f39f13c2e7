import proxyaddr from 'proxy-addr';

/**
 * Whose address a request comes from (FEATURES I4). Behind a reverse proxy every connection comes from the
 * proxy, and the visitor's own address is in `X-Forwarded-For`; but anyone can send that header, so it is
 * believed only from peers listed in PARLEY_TRUSTED_PROXIES. The rule made here is Fastify's
 * `trustProxy` (transport/app.ts): `request.ip` walks the header from the right past trusted hops only
 * (proxy-addr), and `request.protocol` believes `X-Forwarded-Proto` from them. With no list, the
 * headers are ignored and the peer's address is the client's.
 */

/** Is this address one of our own proxies? `hop` counts from the direct peer (0). */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * The trust rule for a list of addresses and CIDR ranges (`10.0.0.0/8`, `::1`) or proxy-addr's names
 * `loopback`, `linklocal`, `uniquelocal`. Throws with the bad entry named.
 */
export function trustProxies(list: readonly string[]): TrustProxy {
  return proxyaddr.compile([...list]);
}
