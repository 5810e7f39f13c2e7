import type { RepClientFrame, RepServerFrame } from '../../protocol';
import { viewersItem, viewingItem } from '../../utils/viewers';

/**
 * Collision detection (SPEC C10), the worker's half: tells the hub which conversation the side panel
 * shows, says it again after every reconnect (the hub forgets it with the socket), and keeps the
 * latest `viewers` frame per conversation where the panel can read it live.
 */
export interface ViewingTracker {
  /** The panel opened a conversation (or none). Sent now if online, otherwise after the next welcome. */
  open(conversationId: string | null): Promise<void>;
  /** After a welcome: the new socket has not heard what this rep is looking at. */
  resend(): Promise<void>;
  onViewers(frame: Extract<RepServerFrame, { type: 'viewers' }>): Promise<void>;
  clear(): Promise<void>;
}

export function createViewingTracker(send: (frame: RepClientFrame) => boolean): ViewingTracker {
  // Frames can arrive faster than storage answers; chaining keeps each write based on the last one.
  let writes: Promise<void> = Promise.resolve();
  const serial = (job: () => Promise<void>) => (writes = writes.then(job, job));

  return {
    async open(conversationId) {
      await viewingItem.setValue(conversationId);
      send({ type: 'viewing', conversationId });
    },
    async resend() {
      const conversationId = await viewingItem.getValue();
      if (conversationId) send({ type: 'viewing', conversationId });
    },
    onViewers(frame) {
      return serial(async () => {
        const all = { ...(await viewersItem.getValue()) };
        if (frame.reps.length > 0) all[frame.conversationId] = frame.reps;
        else delete all[frame.conversationId];
        await viewersItem.setValue(all);
      });
    },
    clear() {
      return serial(async () => {
        await Promise.all([viewersItem.removeValue(), viewingItem.removeValue()]);
      });
    },
  };
}
