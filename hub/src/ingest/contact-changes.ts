import { CONTACT_CHANGE_LIMITS, HUB_WIDE_CHAT } from '#protocol';
import { appendEvent } from '../events/log';
import type { Sql } from '../storage/db';

/**
 * Which records' cards a transaction changed (issue 20), so reps viewing one see it live: the writes
 * (ingest/upserts.ts, the widget's checkout) mark the contact, and the request, once its rows are
 * written, appends one `contact.changed` event naming them all (chunked by
 * CONTACT_CHANGE_LIMITS.idsPerEvent) in the same transaction. A row rolled back to its savepoint may
 * leave its contact marked: a card asked for once more, nothing wrong shown.
 */

const touched = new WeakMap<Sql, Set<string>>();

/** This transaction changed the card of this contact. */
export function markContactChanged(tx: Sql, contactId: string): void {
  const set = touched.get(tx);
  if (set) set.add(contactId);
  else touched.set(tx, new Set([contactId]));
}

/** Appends the events for the contacts marked in this transaction; true if any (call `committed()` after commit). */
export async function announceContactChanges(tx: Sql): Promise<boolean> {
  const ids = [...(touched.get(tx) ?? [])];
  touched.delete(tx);
  for (let i = 0; i < ids.length; i += CONTACT_CHANGE_LIMITS.idsPerEvent)
    await appendEvent(tx, {
      kind: 'contact.changed',
      chatId: HUB_WIDE_CHAT,
      contactIds: ids.slice(i, i + CONTACT_CHANGE_LIMITS.idsPerEvent),
    });
  return ids.length > 0;
}
