import type { VisitorViews } from '../routing/visitor-view';
import type { ChatRepsView } from '../transport/chat-reps-view';
import type { Cluster } from './cluster';

/**
 * Caches dropped for a change the event log does not carry (a working mode, a chat's settings, a
 * person's chats): with several hubs (FEATURES I6) every hub drops its own copy, so the calls are
 * routed through a cluster topic. Changes the log carries reach every hub's feed by themselves.
 */
type Dropped = { chatReps?: true; visitorViews?: string | null };

export function shareInvalidations(cluster: Cluster, chatReps: ChatRepsView, visitorViews: VisitorViews): void {
  const dropReps = chatReps.invalidateAll.bind(chatReps);
  const dropViews = visitorViews.invalidate.bind(visitorViews);
  cluster.subscribe('caches.dropped', (m) => {
    const dropped = m as Dropped;
    if (dropped.chatReps) dropReps();
    if (dropped.visitorViews !== undefined) dropViews(dropped.visitorViews ?? undefined);
  });
  chatReps.invalidateAll = () => void cluster.publish('caches.dropped', { chatReps: true } satisfies Dropped);
  visitorViews.invalidate = (chatId?: string) =>
    void cluster.publish('caches.dropped', { visitorViews: chatId ?? null } satisfies Dropped);
}
