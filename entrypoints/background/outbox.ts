import type { ParleyDb, OutboxEntry } from '../../utils/db';
import type { CommandErrorCode, CommandResult } from '../../utils/messaging';

/**
 * The rep's replies wait here until the hub acknowledges them (SPEC D8: nothing typed is lost, sent
 * in order, exactly once). Exactly once holds because the hub dedupes by clientId, so a resend after
 * a lost ack is harmless.
 */

/** Failures worth retrying later; anything else is the hub's final word on that reply. */
const TRANSIENT: ReadonlySet<CommandErrorCode> = new Set(['offline', 'timeout', 'not_ready', 'internal', 'unauthorized']);

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
    if (delivered) return { clientId, conversationId: delivered.conversationId, text: delivered.text, createdAt: Date.parse(delivered.createdAt) };
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

export interface OutboxFlusher {
  /** Sends waiting replies oldest first, one at a time; resolves when the outbox is empty or stuck. */
  flush(): Promise<void>;
}

export function createOutboxFlusher(db: ParleyDb, deliver: (entry: OutboxEntry) => Promise<CommandResult>): OutboxFlusher {
  let running: Promise<void> | null = null;
  let again = false;

  async function drain() {
    do {
      again = false;
      const entries = await db.outbox.orderBy('createdAt').filter((entry) => !entry.failed).toArray();
      for (const entry of entries) {
        // An event may have delivered it meanwhile (message.created with this clientId removes it).
        if (!(await db.outbox.get(entry.clientId))) continue;
        const result = await deliver(entry);
        if (result.ok) {
          await db.outbox.delete(entry.clientId);
        } else if (TRANSIENT.has(result.code)) {
          // Stop here: sending later replies before this one would break the typing order.
          return;
        } else {
          await db.outbox.update(entry.clientId, { failed: result.message });
        }
      }
    } while (again);
  }

  return {
    flush() {
      if (running) {
        again = true;
        return running;
      }
      running = drain().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
