import type { RepProfile, RepServerFrame } from '#protocol';
import { createLocalCluster, type Cluster } from '../cluster/cluster';
import { accessFor } from '../inbox/folders';
import { loadConversation } from '../inbox/rows';
import type { Sql } from '../storage/db';

/**
 * Collision detection (FEATURES C10): which reps have which conversation open, told to everyone else who
 * can see it. Ephemeral, so it is not in the event log: each hub holds its own sockets' views in the
 * cluster (FEATURES I6) and says on the `viewers` topic which conversations changed; every hub then
 * tells its own sockets the list as all live hubs hold it. A dead hub's views are dropped by the
 * cluster's sweep, which names their conversations on the same topic.
 */
export interface RepPeer {
  rep: RepProfile;
  send(frame: RepServerFrame): void;
}

export interface Viewers {
  join(peer: RepPeer): void;
  /** The peer now has `conversationId` open (or none); everyone concerned hears the new list. */
  view(peer: RepPeer, conversationId: string | null): Promise<void>;
  leave(peer: RepPeer): Promise<void>;
}

export const VIEWERS_TOPIC = 'viewers';
/** What a hub holds per viewing socket (key: hub and socket). */
export type HeldView = { conversationId: string; id: string; name: string };

export function createViewers(db: Sql, cluster: Cluster = createLocalCluster()): Viewers {
  const peers = new Set<RepPeer>();
  const viewing = new Map<RepPeer, string>();
  const keys = new WeakMap<RepPeer, string>();
  const held = cluster.holds('viewers');
  let next = 0;
  const keyOf = (peer: RepPeer) => keys.get(peer) ?? keys.set(peer, `${cluster.hubId}:${++next}`).get(peer)!;

  /** Every live hub's views; this hub's alone while Redis cannot be read. */
  async function allViews(): Promise<HeldView[]> {
    const all = await held.everywhere().catch(() => null);
    if (all) return [...all.values()].map((v) => JSON.parse(v) as HeldView);
    return [...viewing].map(([p, conversationId]) => ({ conversationId, id: p.rep.id, name: p.rep.name }));
  }

  async function announce(conversationId: string) {
    const conv = await loadConversation(db, conversationId);
    if (!conv) return;
    const reps = (await allViews()).filter((v) => v.conversationId === conversationId);
    const unique = [...new Map(reps.map((r) => [r.id, { id: r.id, name: r.name }])).values()];
    for (const peer of peers) {
      if (accessFor(conv, peer.rep) === 'none') continue;
      peer.send({ type: 'viewers', conversationId, reps: unique.filter((r) => r.id !== peer.rep.id) });
    }
  }
  cluster.subscribe(VIEWERS_TOPIC, async (ids) => {
    for (const id of ids as string[]) await announce(id);
  });

  return {
    join: (peer) => void peers.add(peer),
    async view(peer, conversationId) {
      const before = viewing.get(peer);
      if (before === conversationId) return;
      if (conversationId) {
        viewing.set(peer, conversationId);
        held.set(keyOf(peer), JSON.stringify({ conversationId, id: peer.rep.id, name: peer.rep.name }));
      } else {
        viewing.delete(peer);
        held.delete(keyOf(peer));
      }
      await cluster.publish(
        VIEWERS_TOPIC,
        [before, conversationId].filter((id): id is string => !!id),
      );
    },
    async leave(peer) {
      peers.delete(peer);
      await this.view(peer, null);
    },
  };
}
