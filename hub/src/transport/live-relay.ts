import type { VisitorServerFrame } from '#protocol';
import { accessFor } from '../inbox/folders';
import { loadConversation } from '../inbox/rows';
import type { Sql } from '../storage/db';
import type { RepPeer } from './viewers';

/**
 * Sneak peek and "typing…" (FEATURES D2): relayed between the sockets of this process as they happen,
 * never stored — a draft is not history. (Several hub instances would share these over the bus, as
 * collision detection would; one process holds them today.)
 */
export interface LiveRelay {
  addRep(peer: RepPeer): () => void;
  addVisitor(visitorId: string, send: (frame: VisitorServerFrame) => void): () => void;
  /** The visitor's draft (or '' when cleared) to every rep with a view of the conversation. */
  draft(conversationId: string, text: string): Promise<void>;
  /** A rep's typing state to the visitor's open widgets. */
  typing(visitorId: string, typing: boolean): void;
}

export function createLiveRelay(db: Sql): LiveRelay {
  const reps = new Set<RepPeer>();
  const visitors = new Map<string, Set<(frame: VisitorServerFrame) => void>>();
  return {
    addRep(peer) {
      reps.add(peer);
      return () => void reps.delete(peer);
    },
    addVisitor(visitorId, send) {
      const mine = visitors.get(visitorId) ?? new Set();
      mine.add(send);
      visitors.set(visitorId, mine);
      return () => {
        mine.delete(send);
        if (mine.size === 0) visitors.delete(visitorId);
      };
    },
    async draft(conversationId, text) {
      const conv = await loadConversation(db, conversationId);
      if (!conv) return;
      for (const peer of reps)
        if (accessFor(conv, peer.rep) !== 'none') peer.send({ type: 'draft', conversationId, text });
    },
    typing(visitorId, typing) {
      for (const send of visitors.get(visitorId) ?? []) send({ type: 'typing', typing });
    },
  };
}
