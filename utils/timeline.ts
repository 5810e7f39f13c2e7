import type { Message } from '#protocol';
import type { OutboxEntry } from './db';

/**
 * What the message list shows, in one ordered array for the virtual list: the hub's messages, the
 * rep's internal notes and the replies still waiting in the outbox (always last: they are newer
 * than anything the hub has stored, and they go out in outbox order).
 */

/** Delivery as far as the extension can know it: waiting in the outbox, refused, or stored by the hub. */
export type Delivery = 'pending' | 'failed' | 'sent';

/** An internal note (FEATURES D9) as the list draws it; kept apart from `Message` so it can never be sent. */
export interface TimelineNote {
  id: string;
  conversationId: string;
  authorName: string;
  text: string;
  createdAt: string;
}

export type TimelineItem =
  | { kind: 'message'; key: string; at: string; message: Message }
  | { kind: 'note'; key: string; at: string; note: TimelineNote }
  | { kind: 'outbox'; key: string; at: string; entry: OutboxEntry; delivery: Exclude<Delivery, 'sent'> };

export function buildTimeline(
  messages: readonly Message[],
  notes: readonly TimelineNote[],
  outbox: readonly OutboxEntry[],
): TimelineItem[] {
  const stored: TimelineItem[] = [
    ...messages.map((message) => ({
      kind: 'message' as const,
      key: `m:${message.id}`,
      at: message.createdAt,
      message,
    })),
    ...notes.map((note) => ({ kind: 'note' as const, key: `n:${note.id}`, at: note.createdAt, note })),
  ];
  // Messages arrive sorted; notes interleave by time. A stable sort keeps equal times in arrival order.
  if (notes.length > 0) stored.sort((a, b) => a.at.localeCompare(b.at));
  const waiting = outbox.map((entry) => ({
    kind: 'outbox' as const,
    key: `o:${entry.clientId}`,
    at: new Date(entry.createdAt).toISOString(),
    entry,
    delivery: entry.failed ? ('failed' as const) : ('pending' as const),
  }));
  return [...stored, ...waiting];
}

/** The text a timeline item shows (what search and highlighting look at). */
export function itemText(item: TimelineItem): string {
  return item.kind === 'message' ? item.message.text : item.kind === 'note' ? item.note.text : item.entry.text;
}
