import { draftsItem } from '#utils/sneak-peek';

/**
 * Keeps the visitor drafts the hub relays (FEATURES D2) where the side panel reads them live. A draft
 * goes when the hub clears it ('') and when the visitor's message arrives, whichever comes first.
 */
export function createDraftTracker(now: () => number = Date.now) {
  // Frames can arrive faster than storage answers; chaining keeps each write based on the last one.
  let writes: Promise<void> = Promise.resolve();
  const serial = (job: () => Promise<void>) => (writes = writes.then(job, job));
  const set = (conversationId: string, text: string) =>
    serial(async () => {
      const all = { ...(await draftsItem.getValue()) };
      if (text) all[conversationId] = { text, at: now() };
      else if (conversationId in all) delete all[conversationId];
      else return;
      await draftsItem.setValue(all);
    });
  return {
    onDraft: (frame: { conversationId: string; text: string }) => set(frame.conversationId, frame.text),
    /** The visitor sent: what they typed is a message now. */
    sent: (conversationId: string) => set(conversationId, ''),
    clear: () => serial(() => draftsItem.removeValue()),
  };
}

export type DraftTracker = ReturnType<typeof createDraftTracker>;
