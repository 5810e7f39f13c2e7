import * as z from 'zod';
import { Conversation, EventId, Id, Message, Timestamp, Availability } from './model';
import { Template } from './templates';
import { WorkingChats } from './work-chats';
import { Note } from './annotations';
import { CrmNotification } from './crm';

/**
 * The hub's event log, as a rep's connection receives it. Ids are monotonic; a client stores the
 * last id it applied and resumes after it, so every event arrives once and in order.
 */
const base = { id: EventId, at: Timestamp, chatId: Id };

/**
 * The chat id of events about the hub as a whole rather than one chat (accounts). No rep works in
 * it, so no replay reads them; every hub process's feed still tails them and acts on them.
 */
export const HUB_WIDE_CHAT = '*';

/** What changed about an account (FEATURES H1): its open sessions look again at once. */
export const AccountChange = z.enum(['role', 'profile', 'disabled', 'enabled', 'deleted', 'password', 'signedOut']);
export type AccountChange = z.infer<typeof AccountChange>;

/** Limits of `contact.changed` (issue 20). */
export const CONTACT_CHANGE_LIMITS = {
  /** A bulk request that touched more contacts appends one event per this many. */
  idsPerEvent: 500,
} as const;

export const HubEvent = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('conversation.opened'), conversation: Conversation }),
  z.object({ ...base, kind: z.literal('conversation.updated'), conversation: Conversation }),
  z.object({ ...base, kind: z.literal('message.created'), message: Message }),
  /** A message changed after it was sent: a visitor's file was accepted or rejected (FEATURES D4). */
  z.object({ ...base, kind: z.literal('message.updated'), message: Message }),
  /** Deleted for good (FEATURES C7): drop it and its messages. */
  z.object({ ...base, kind: z.literal('conversation.deleted'), conversationId: Id }),
  z.object({ ...base, kind: z.literal('rep.status'), repId: Id, status: Availability }),
  /** A quick-reply template of this chat was created or changed (FEATURES D5): the whole template. */
  z.object({ ...base, kind: z.literal('template.saved'), template: Template }),
  /** Deleted, or moved to another chat: reps of this chat drop it. */
  z.object({ ...base, kind: z.literal('template.deleted'), templateId: Id }),
  /** A rep changed the chats they work in (FEATURES A2): their other devices and the chat's visitors look again. */
  z.object({ ...base, kind: z.literal('rep.chats'), repId: Id, working: WorkingChats }),
  /** An internal note (FEATURES D9): for reps only, never routed to the visitor. */
  z.object({ ...base, kind: z.literal('note.created'), note: Note }),
  /** For one rep only (the record's owner), in whatever chat: notify sales, a lead given to them (FEATURES E5, E6). */
  z.object({ ...base, kind: z.literal('crm.notification'), notification: CrmNotification }),
  /** A super user removed this chat (FEATURES H2): drop everything of it. Its waiting conversations were moved first. */
  z.object({ ...base, kind: z.literal('chat.deleted') }),
  /**
   * A super user erased a person (FEATURES H6): every copy of the record and of these conversations goes,
   * wherever it is cached. Hub-wide, sent to every rep; it holds ids only.
   */
  z.object({
    ...base,
    chatId: z.literal(HUB_WIDE_CHAT),
    kind: z.literal('person.erased'),
    contactId: Id,
    conversationIds: z.array(Id),
  }),
  /**
   * Card data of these records changed outside the extension (issue 20: purchases, emails, events or the
   * record itself from the data API, a shop webhook or a widget checkout): a rep viewing one's card
   * asks for it again. Hub-wide, sent to every rep; ids only, one event per request, not per row.
   */
  z.object({
    ...base,
    chatId: z.literal(HUB_WIDE_CHAT),
    kind: z.literal('contact.changed'),
    contactIds: z.array(Id).min(1).max(CONTACT_CHANGE_LIMITS.idsPerEvent),
  }),
  /**
   * An account changed (FEATURES H1). Never sent to clients: the rep's sockets, in whichever hub
   * process, read the account again and send a `profile` or a `signedOut` frame instead.
   */
  z.object({
    ...base,
    chatId: z.literal(HUB_WIDE_CHAT),
    kind: z.literal('rep.account'),
    repId: Id,
    change: AccountChange,
  }),
]);
export type HubEvent = z.infer<typeof HubEvent>;
export type HubEventKind = HubEvent['kind'];
