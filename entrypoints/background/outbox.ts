import type { ParleyDb, OutboxEntry } from '#utils/db';
import type { CommandErrorCode, CommandResult } from '#utils/messaging';

/**
 * The rep's replies wait here until the hub acknowledges them (FEATURES D8: nothing typed is lost, sent
 * in order, exactly once). Exactly once holds because the hub dedupes by clientId, so a resend after
 * a lost ack is harmless.
 */

/** Failures worth retrying later; anything else is the hub's final word on that reply. */
const TRANSIENT: ReadonlySet<CommandErrorCode> = new Set([
  'offline',
  'timeout',
  'not_ready',
  'internal',
  'unauthorized',
]);

export async function enqueueReply(
  db: ParleyDb,
  reply: { conversationId: string; text: string },
  clientId: string = crypto.randomUUID(),
): Promise<OutboxEntry> {
  return db.transaction('rw', db.outbox, db.messages, async () => {
    // The side panel retries a hand-over to a worker that died mid-call with the same client id:
    // a reply already queued or already delivered is not queued again.
    const queued = await db.outbox.get(clientId);
    if (queued) return queued;
    const delivered = await db.messages.where('clientId').equals(clientId).first();
    if (delivered)
      return {
        clientId,
        conversationId: delivered.conversationId,
        text: delivered.text,
        createdAt: Date.parse(delivered.createdAt),
      };
    const last = await db.outbox.orderBy('createdAt').last();
    const entry: OutboxEntry = {
      clientId,
      conversationId: reply.conversationId,
      text: reply.text,
      createdAt: Math.max(Date.now(), (last?.createdAt ?? 0) + 1),
    };
    await db.outbox.add(entry);
    return entry;
  });
}

/** How long the outbox waits before trying again after a reply could not go out. */
export const OUTBOX_RETRY_MS = 2_000;

export interface OutboxFlusher {
  /** Sends waiting replies oldest first, one at a time; resolves when the outbox is empty or stuck. */
  flush(): Promise<void>;
}

export function createOutboxFlusher(
  db: ParleyDb,
  deliver: (entry: OutboxEntry) => Promise<CommandResult>,
  retryMs = OUTBOX_RETRY_MS,
): OutboxFlusher {
  let running: Promise<void> | null = null;
  let again = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  /** Sends in order; returns true when it stopped at a reply that could not go out yet. */
  async function drain(): Promise<boolean> {
    for (;;) {
      again = false;
      let stuck = false;
      const entries = await db.outbox
        .orderBy('createdAt')
        .filter((entry) => !entry.failed)
        .toArray();
      for (const entry of entries) {
        // An event may have delivered it meanwhile (message.created with this clientId removes it).
        if (!(await db.outbox.get(entry.clientId))) continue;
        const result = await deliver(entry);
        if (result.ok) {
          await db.outbox.delete(entry.clientId);
        } else if (TRANSIENT.has(result.code)) {
          // Stop here: sending later replies before this one would break the typing order.
          stuck = true;
          break;
        } else {
          await db.outbox.update(entry.clientId, { failed: result.message });
        }
      }
      // A flush asked for while this one ran (e.g. the link came back) gets its turn now, not never.
      if (!again) return stuck;
    }
  }

  function flush(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    clearTimeout(retry);
    retry = undefined;
    running = drain()
      .then((stuck) => {
        // Nothing else may come along to trigger the next try (no new reply, no reconnect): try again by itself.
        if (stuck) retry = setTimeout(() => void flush(), retryMs);
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return { flush };
}
