import {
  messagePreview,
  type CardAnswerBody,
  type Conversation,
  type CrmNotification,
  type HubEvent,
  type Message,
  type Note,
} from '#protocol';
import { markChangedCards } from '#utils/contact-changes';
import { getFolderCount, META_LAST_EVENT_ID, type ParleyDb } from '#utils/db';

/**
 * Writes hub events into Dexie. Each batch is one transaction that also moves lastEventId, so a
 * worker killed mid-batch leaves either all of it or none; on resume the hub replays from the
 * stored id. Events at or below the stored id are skipped, so a replay never applies twice.
 *
 * Returns how many events were actually applied. Conversations that entered this rep's Pending
 * folder in the batch (were elsewhere or unknown before) are pushed onto `newlyPending`, and CRM
 * notifications onto `notices`: the alerts.
 */
export async function applyEvents(
  db: ParleyDb,
  events: readonly HubEvent[],
  newlyPending?: Conversation[],
  notices?: CrmNotification[],
): Promise<number> {
  if (events.length === 0) return 0;
  return db.transaction(
    'rw',
    [db.conversations, db.messages, db.outbox, db.meta, db.repStatus, db.templates, db.notes, db.cards, db.crmNotices],
    async () => {
      const row = await db.meta.get(META_LAST_EVENT_ID);
      let lastEventId = typeof row?.value === 'number' ? row.value : 0;
      let applied = 0;
      for (const event of events) {
        if (event.id <= lastEventId) continue;
        if (newlyPending && (event.kind === 'conversation.opened' || event.kind === 'conversation.updated')) {
          const before = await db.conversations.get(event.conversation.id);
          if (event.conversation.folder === 'pending' && before?.folder !== 'pending')
            newlyPending.push(event.conversation);
        }
        if (notices && event.kind === 'crm.notification') notices.push(event.notification);
        await applyOne(db, event);
        lastEventId = event.id;
        applied++;
      }
      if (applied > 0) await db.meta.put({ key: META_LAST_EVENT_ID, value: lastEventId });
      return applied;
    },
  );
}

type Appliers = { [K in HubEvent['kind']]: (db: ParleyDb, event: Extract<HubEvent, { kind: K }>) => Promise<unknown> };

const upsertConversation = (db: ParleyDb, e: { conversation: Conversation }) => db.conversations.put(e.conversation);

/** One applier per event kind; the compiler insists every kind has one. */
const appliers: Appliers = {
  // Conversation events carry the whole conversation, so an upsert is the complete update.
  'conversation.opened': upsertConversation,
  'conversation.updated': upsertConversation,
  'message.created': async (db, { message }) => {
    await db.messages.put(message);
    // Keep the list's preview in step, as the hub does for its own copy.
    await db.conversations.update(message.conversationId, {
      lastMessageAt: message.createdAt,
      lastMessagePreview: messagePreview(message.text),
    });
    // The hub's copy of an outbox reply has arrived: the reply is delivered even if its ack was lost.
    if (message.clientId) await db.outbox.delete(message.clientId);
  },
  // A visitor's file accepted or rejected (FEATURES D4): the message is replaced; the list's preview stays.
  'message.updated': (db, { message }) => db.messages.put(message),
  // Deleted for good (FEATURES C7): nothing of it may stay on this machine, not even an unsent reply,
  // its words in the search index (they live on its messages) or its cached contact card.
  'conversation.deleted': (db, { conversationId }) => dropConversation(db, conversationId),
  'rep.status': (db, e) => db.repStatus.put({ repId: e.repId, status: e.status }),
  'template.saved': (db, { template }) => db.templates.put(template),
  'template.deleted': (db, { templateId }) => db.templates.delete(templateId),
  // The hub follows it with a `workChats` frame carrying the choices and the choice in force.
  'rep.chats': async () => {},
  'note.created': (db, { note }) => db.notes.put(note),
  // For this rep only (FEATURES E6): kept until the rep dismisses it in the side panel.
  'crm.notification': (db, { notification }) => db.crmNotices.put({ ...notification, dismissed: 0 }),
  // A chat a super user removed (FEATURES H2): nothing of it stays. Its waiting conversations were moved
  // to another chat first, and those events came before this one.
  'chat.deleted': async (db, { chatId }) => {
    for (const id of await db.conversations.filter((c) => c.chatId === chatId).primaryKeys())
      await dropConversation(db, id);
    await db.templates.where('chatId').equals(chatId).delete();
  },
  // A super user erased a person (FEATURES H6): their conversations, their cached cards (also as the
  // suggestion on an anonymous visitor's card) and the notifications about them leave this machine.
  'person.erased': async (db, { contactId, conversationIds }) => {
    for (const id of conversationIds) await dropConversation(db, id);
    await db.cards.filter((c) => cardContactId(c.card) === contactId).delete();
    await db.crmNotices.filter((n) => n.contact.id === contactId).delete();
  },
  // A card changed on the hub (issue 20): the side panel viewing it asks again (stores/contact.ts).
  'contact.changed': (db, { id, contactIds }) => markChangedCards(db, contactIds, id),
  // Never sent to clients: the hub acts on it and sends `profile` or `signedOut` instead.
  'rep.account': async () => {},
};

const cardContactId = (card: CardAnswerBody) =>
  card.status === 'matched' ? card.card.contact.id : (card.suggestion?.contactId ?? null);

async function dropConversation(db: ParleyDb, conversationId: string) {
  await db.conversations.delete(conversationId);
  await db.cards.delete(conversationId);
  await db.messages.where('conversationId').equals(conversationId).delete();
  await db.notes.where('conversationId').equals(conversationId).delete();
  await db.outbox.where('conversationId').equals(conversationId).delete();
}

const applyOne = (db: ParleyDb, event: HubEvent) =>
  (appliers[event.kind] as (db: ParleyDb, e: HubEvent) => Promise<unknown>)(db, event);

/**
 * Messages from a `history` answer. They are immutable, so a put is harmless when an event already
 * brought them; an outbox reply found among them was delivered even if its ack was lost.
 */
export async function storeHistory(
  db: ParleyDb,
  messages: readonly Message[],
  notes: readonly Note[] = [],
): Promise<void> {
  await db.transaction('rw', [db.messages, db.notes, db.outbox], async () => {
    await db.messages.bulkPut([...messages]);
    if (notes.length > 0) await db.notes.bulkPut([...notes]);
    const clientIds = messages.flatMap((m) => (m.clientId ? [m.clientId] : []));
    if (clientIds.length > 0) await db.outbox.bulkDelete(clientIds);
  });
}

/** Conversations in this rep's Pending folder (as the hub decided it): the number on the toolbar badge. */
export function countPending(db: ParleyDb): Promise<number> {
  return getFolderCount('pending', db);
}
