import * as z from 'zod';
import { ContactChatsCursor, ContactChatsPage } from './contact-chats';
import { CustomFieldKey, CustomFieldValue } from './crm-fields';
import { CRM_LIMITS } from './crm-limits';
import { LIMITS } from './limits';
import {
  CardAnswerBody,
  CardField,
  ContactCard,
  CrmNoteText,
  ContactSummary,
  CrmNote,
  CrmTag,
  DistributionPool,
  DueDate,
  Email,
  FeedCursor,
  FeedItem,
  FeedType,
  FieldLayout,
  LeadAssignment,
  PersonRef,
  Phone,
  Product,
  ProductCardField,
  Recommendations,
  Task,
} from './crm';
import { ClientId, Id, Message, RepSummary } from './model';

/** The `crm` frame's requests and answers (shapes in ./crm.ts; API table in hub/src/crm/README.md). */

// ---- requests and answers ----

const write = { clientId: ClientId };

export const CrmRequest = z.discriminatedUnion('op', [
  /** The card of the conversation's visitor (E1, E2). Anyone who can see the conversation. */
  z.object({ op: z.literal('card'), conversationId: Id }),
  /** A record's card by id (e.g. from a notification). */
  z.object({ op: z.literal('contact'), contactId: Id }),
  /** CRM page awareness (E12): the record with this email and the first page of the chats with it this rep may see. */
  z.object({ op: z.literal('lookup'), email: Email }),
  /** E12: the next page of those chats, older than `before`. */
  z.object({ op: z.literal('contactChats'), email: Email, before: ContactChatsCursor.nullable() }),
  z.object({ op: z.literal('addTag'), ...write, contactId: Id, tag: CrmTag }),
  z.object({ op: z.literal('removeTag'), ...write, contactId: Id, tag: CrmTag }),
  z.object({ op: z.literal('addNote'), ...write, contactId: Id, text: CrmNoteText }),
  z.object({
    op: z.literal('addTask'),
    ...write,
    contactId: Id,
    title: z.string().trim().min(1, 'task title is empty').max(CRM_LIMITS.taskTitleChars),
    /** A rep (FEATURES E2: assign to a person); null: unassigned. */
    assigneeId: Id.nullable(),
    dueDate: DueDate.nullable(),
  }),
  z.object({ op: z.literal('setTaskDone'), ...write, taskId: Id, done: z.boolean() }),
  /** E7: add or change the phone number (null removes it). */
  z.object({ op: z.literal('setPhone'), ...write, contactId: Id, phone: Phone.nullable() }),
  /** E4: a custom field's value on the record (null clears it); the hub checks it against the field's type. */
  z.object({
    op: z.literal('setField'),
    ...write,
    contactId: Id,
    key: CustomFieldKey,
    value: CustomFieldValue.nullable(),
  }),
  /** E5: a lead from the conversation's visitor, who must have given an email. */
  z.object({
    op: z.literal('createLead'),
    ...write,
    conversationId: Id,
    name: z.string().trim().min(1).max(LIMITS.nameChars).nullable(),
    phone: Phone.nullable(),
    assign: LeadAssignment,
    note: CrmNoteText.nullable(),
  }),
  /** E6: a note on the record and a notification to its owner. */
  z.object({ op: z.literal('notifySales'), ...write, contactId: Id, conversationId: Id.nullable(), text: CrmNoteText }),
  /**
   * Issue 14: the rep checked who the visitor is (an order number, a call) and links the conversation
   * to the suggested record (the one with the email the visitor typed); recorded in the record's feed.
   */
  z.object({ op: z.literal('linkContact'), ...write, conversationId: Id, contactId: Id }),
  /** Owners and distribution pools to choose from when creating a lead. */
  z.object({ op: z.literal('leadOptions') }),
  /** E10: by name, brand or category (all optional; an empty search lists the catalog). */
  z.object({
    op: z.literal('searchProducts'),
    query: z.string().trim().max(CRM_LIMITS.productQueryChars),
    brand: z.string().max(LIMITS.nameChars).nullable(),
    category: z.string().max(LIMITS.nameChars).nullable(),
  }),
  /** E10: posts a product card message with the chosen fields; the same rule as sending a reply. */
  z.object({
    op: z.literal('sendProduct'),
    ...write,
    conversationId: Id,
    productId: Id,
    fields: z
      .array(ProductCardField)
      .min(1)
      .max(4)
      .refine((f) => f.includes('name') || f.includes('image'), 'pick the name or the image'),
  }),
  /** E9: newest first, optionally only some types; `before` pages back. */
  z.object({
    op: z.literal('feed'),
    contactId: Id,
    types: z.array(FeedType).max(FeedType.options.length).nullable(),
    before: FeedCursor.nullable(),
  }),
  /** E2, E11: last visit, abandoned carts, recommended — for anonymous visitors too. */
  z.object({ op: z.literal('recommendations'), conversationId: Id }),
  /** E9: a chat's whole transcript, linked from the feed. */
  z.object({ op: z.literal('transcript'), conversationId: Id }),
  /** E4: the field layouts of leads, persons and companies. */
  z.object({ op: z.literal('layouts') }),
]);
export type CrmRequest = z.infer<typeof CrmRequest>;
export type CrmOp = CrmRequest['op'];

export const CrmAnswer = z.discriminatedUnion('op', [
  z.object({ op: z.literal('card'), result: CardAnswerBody }),
  z.object({ op: z.literal('contact'), card: ContactCard }),
  ContactChatsPage.extend({ op: z.literal('lookup'), card: ContactCard.nullable() }),
  ContactChatsPage.extend({ op: z.literal('contactChats') }),
  z.object({ op: z.literal('addTag'), tags: z.array(z.string()) }),
  z.object({ op: z.literal('removeTag'), tags: z.array(z.string()) }),
  z.object({ op: z.literal('addNote'), note: CrmNote }),
  z.object({ op: z.literal('addTask'), task: Task }),
  z.object({ op: z.literal('setTaskDone'), task: Task }),
  z.object({ op: z.literal('setPhone'), contact: ContactSummary }),
  /** The record's card fields after the change, in the layout's order. */
  z.object({ op: z.literal('setField'), fields: z.array(CardField) }),
  /** "The rep sees who got it": `owner`, and the pool when one chose. */
  z.object({ op: z.literal('createLead'), contact: ContactSummary, owner: PersonRef, pool: PersonRef.nullable() }),
  z.object({ op: z.literal('notifySales'), note: CrmNote, owner: PersonRef }),
  /** The conversation's card now: the linked record's. */
  z.object({ op: z.literal('linkContact'), result: CardAnswerBody }),
  z.object({ op: z.literal('leadOptions'), owners: z.array(RepSummary), pools: z.array(DistributionPool) }),
  z.object({
    op: z.literal('searchProducts'),
    products: z.array(Product),
    brands: z.array(z.string()),
    categories: z.array(z.string()),
  }),
  z.object({ op: z.literal('sendProduct'), messageId: Id }),
  z.object({ op: z.literal('feed'), items: z.array(FeedItem), next: FeedCursor.nullable() }),
  Recommendations.extend({ op: z.literal('recommendations') }),
  z.object({ op: z.literal('transcript'), conversationId: Id, messages: z.array(Message) }),
  z.object({ op: z.literal('layouts'), layouts: z.array(FieldLayout) }),
]);
export type CrmAnswer = z.infer<typeof CrmAnswer>;
/** The answer to a given request kind. */
export type CrmAnswerFor<O extends CrmOp> = Extract<CrmAnswer, { op: O }>;

// ---- visitor tracking (FEATURES G1 page tracking; feeds last visit and abandoned carts) ----

// The widget sends `track` frames; they are visitor frames, so they live in ./visitor.ts (zod/mini).
export { TrackFrame } from './visitor';
