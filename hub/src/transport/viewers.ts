import type { RepProfile, RepServerFrame } from '#protocol';
import { accessFor } from '../inbox/folders';
import { loadConversation } from '../inbox/rows';
import type { Sql } from '../storage/db';

/**
 * Collision detection (FEATURES C10): which reps have which conversation open, told to everyone else who
 * can see it. Ephemeral, so it lives in memory, not in the event log. (Several hub instances would
 * share it over the bus; one process holds it today.)
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

export function createViewers(db: Sql): Viewers {
  const peers = new Set<RepPeer>();
  const viewing = new Map<RepPeer, string>();

  async function announce(conversationId: string) {
    const conv = await loadConversation(db, conversationId);
    if (!conv) return;
    const reps = [...viewing]
      .filter(([, id]) => id === conversationId)
      .map(([p]) => ({ id: p.rep.id, name: p.rep.name }));
    const unique = [...new Map(reps.map((r) => [r.id, r])).values()];
    for (const peer of peers) {
      if (accessFor(conv, peer.rep) === 'none') continue;
      peer.send({ type: 'viewers', conversationId, reps: unique.filter((r) => r.id !== peer.rep.id) });
    }
  }

  return {
    join: (peer) => void peers.add(peer),
    async view(peer, conversationId) {
      const before = viewing.get(peer);
      if (before === conversationId) return;
      if (conversationId) viewing.set(peer, conversationId);
      else viewing.delete(peer);
      if (before) await announce(before);
      if (conversationId) await announce(conversationId);
    },
    async leave(peer) {
      peers.delete(peer);
      await this.view(peer, null);
    },
  };
}
