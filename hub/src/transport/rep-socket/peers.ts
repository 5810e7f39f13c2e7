import type { Availability, RepProfile } from '#protocol';
import type { HubContext } from '../context';
import type { RepPeer } from '../viewers';
import type { SocketLife } from './lifecycle';

/**
 * A rep socket as the rest of the process sees it: counted present (FEATURES A5) from its hello on, and
 * once synced a peer of collision detection (C10) and of the sneak peek (D2), until it closes.
 * Race guarded: a socket that closed while presence was reading the rep's status gives its count
 * back at once, as its close has passed; otherwise a closed socket would keep the rep online.
 */

/** The rep's availability, or null when the socket closed meanwhile (and the count is given back). */
export async function countPresent(
  ctx: Pick<HubContext, 'presence'>,
  rep: RepProfile,
  life: SocketLife,
): Promise<Availability | null> {
  const { status, leave } = await ctx.presence.connected(rep);
  return life.keep(leave) ? status : null;
}

export function joinPeers(ctx: Pick<HubContext, 'viewers' | 'live'>, peer: RepPeer, life: SocketLife): void {
  ctx.viewers.join(peer);
  life.keep(() => void ctx.viewers.leave(peer).catch(() => {}));
  life.keep(ctx.live.addRep(peer));
}
