import type { VisitorServerFrame } from '#protocol';
import { createLocalCluster, type Cluster } from '../cluster/cluster';
import { accessFor } from '../inbox/folders';
import { loadConversation } from '../inbox/rows';
import type { Sql } from '../storage/db';
import type { RepPeer } from './viewers';

/**
 * Sneak peek and "typing…" (FEATURES D2): relayed as they happen, never stored — a draft is not
 * history. Each goes out on a cluster topic (FEATURES I6): every hub hands it to its own sockets,
 * so a visitor on one hub and a rep on another see each other type.
 */
export interface LiveRelay {
  addRep(peer: RepPeer): () => void;
  addVisitor(visitorId: string, send: (frame: VisitorServerFrame) => void): () => void;
  /** The visitor's draft (or '' when cleared) to every rep with a view of the conversation. */
  draft(conversationId: string, text: string): Promise<void>;
  /** A rep's typing state to the visitor's open widgets. */
  typing(visitorId: string, typing: boolean): void;
}

type Draft = { conversationId: string; text: string };
type Typing = { visitorId: string; typing: boolean };

export function createLiveRelay(db: Sql, cluster: Cluster = createLocalCluster()): LiveRelay {
  const reps = new Set<RepPeer>();
  const visitors = new Map<string, Set<(frame: VisitorServerFrame) => void>>();
  cluster.subscribe('live.draft', async (m) => {
    const { conversationId, text } = m as Draft;
    if (reps.size === 0) return;
    const conv = await loadConversation(db, conversationId);
    if (!conv) return;
    for (const peer of reps)
      if (accessFor(conv, peer.rep) !== 'none') peer.send({ type: 'draft', conversationId, text });
  });
  cluster.subscribe('live.typing', (m) => {
    const { visitorId, typing } = m as Typing;
    for (const send of visitors.get(visitorId) ?? []) send({ type: 'typing', typing });
  });
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
    draft: (conversationId, text) => cluster.publish('live.draft', { conversationId, text } satisfies Draft),
    typing: (visitorId, typing) => void cluster.publish('live.typing', { visitorId, typing } satisfies Typing),
  };
}
