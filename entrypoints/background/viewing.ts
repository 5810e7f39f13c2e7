import type { RepClientFrame, RepServerFrame } from '#protocol';
import { viewersItem, viewingItem } from '#utils/viewers';

/**
 * Collision detection (FEATURES C10), the worker's half: tells the hub which conversation the side panel
 * shows, says it again after every reconnect (the hub forgets it with the socket), and keeps the
 * latest `viewers` frame per conversation where the panel can read it live.
 */
export interface ViewingTracker {
  /** The panel opened a conversation (or none). Sent now if online, otherwise after the next welcome. */
  open(conversationId: string | null): Promise<void>;
  /** A welcome arrived: the new socket has heard nothing yet. Call first, before anything awaits. */
  newConnection(): void;
  /** After a welcome: tells the new socket what this rep is looking at, unless `open` already did. */
  resend(): Promise<void>;
  onViewers(frame: Extract<RepServerFrame, { type: 'viewers' }>): Promise<void>;
  clear(): Promise<void>;
}

export function createViewingTracker(send: (frame: RepClientFrame) => boolean): ViewingTracker {
  // Frames can arrive faster than storage answers; chaining keeps each write based on the last one.
  let writes: Promise<void> = Promise.resolve();
  const serial = (job: () => Promise<void>) => (writes = writes.then(job, job));

  // What the current socket was told; undefined: nothing yet. A panel opening a conversation while
  // the welcome is still being handled would otherwise be told twice.
  let told: string | null | undefined;

  return {
    async open(conversationId) {
      await viewingItem.setValue(conversationId);
      if (send({ type: 'viewing', conversationId })) told = conversationId;
    },
    newConnection() {
      told = undefined;
    },
    async resend() {
      const conversationId = await viewingItem.getValue();
      if (conversationId && told !== conversationId && send({ type: 'viewing', conversationId })) told = conversationId;
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
