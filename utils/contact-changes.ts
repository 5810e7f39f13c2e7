import type { CardAnswerBody } from '#protocol';
import type { ParleyDb } from './db';

/**
 * Cards that changed on the hub (issue 20, the `contact.changed` event): the background worker marks
 * the cached cards of those records with the event's id (`changedBy`); the side panel's contact store
 * follows its open card's mark and asks the hub again when it moves past what it loaded. The open
 * card is always cached (the store saves every answer), so no other bookkeeping is needed; saving an
 * answer keeps the mark, so a change that arrives while a request is out is not lost.
 */

const contactOf = (card: CardAnswerBody) => (card.status === 'matched' ? card.card.contact.id : null);

/** Marks the cached cards of these records (inside the event batch's transaction, which includes `cards`). */
export async function markChangedCards(database: ParleyDb, contactIds: readonly string[], eventId: number) {
  const ids = new Set(contactIds);
  await database.cards
    .filter((c) => {
      const id = contactOf(c.card);
      return id !== null && ids.has(id);
    })
    .modify({ changedBy: eventId });
}

/** Saves the hub's answer for a conversation, keeping the change mark the cached card had. */
export async function saveCard(database: ParleyDb, conversationId: string, card: CardAnswerBody): Promise<void> {
  await database.transaction('rw', database.cards, async () => {
    const before = await database.cards.get(conversationId);
    await database.cards.put({ conversationId, card, savedAt: Date.now(), changedBy: before?.changedBy ?? 0 });
  });
}

/** The change mark of a conversation's cached card (0: none seen). */
export const changeMark = async (database: ParleyDb, conversationId: string) =>
  (await database.cards.get(conversationId))?.changedBy ?? 0;
