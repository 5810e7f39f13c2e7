import type {
  CardField,
  ChatSummary,
  ContactCard,
  ContactSummary,
  FeedCursor,
  FeedItem,
  FeedType,
  FieldLayout,
  CrmNote,
  Product,
  RecommendationReason,
  RepProfile,
  Task,
} from '#protocol';
import type { Sql } from '../storage/db';
import type { z } from 'zod';

/**
 * The one interface between the hub and a customer store (FEATURES E13). The built-in store
 * (`builtin/`) is the default; an external CRM implements the same methods and the side panel never
 * knows which one answered. Authorization, idempotency (client ids), distribution pools, visitor
 * tracking and notifications are the hub's, around these calls (`service.ts`), so a connector only
 * reads and writes records.
 *
 * Every call gets the hub's transaction: the built-in store writes in it, so a refused command
 * changes nothing; an external connector may ignore it (and should make its writes idempotent).
 */
export interface CrmCall {
  tx: Sql;
  /** The hub's clock (ms). */
  now: number;
  /** Who is acting, in their current mode; null: the hub itself, with no person behind it (the routing bot's follow-up, FEATURES F3). */
  actor: RepProfile | null;
}

/** A call on behalf of a signed-in person: every request from the side panel. */
export interface RepCall extends CrmCall {
  actor: RepProfile;
}

/** What the store knows of a contact, enough for the hub's access rules. */
export type ContactAccessInfo = Pick<ContactSummary, 'id' | 'name' | 'email' | 'phone' | 'owner'>;

export interface NewLead {
  email: string;
  name: string;
  phone: string | null;
  /** null: unassigned (the bot's lead when its settings name no owner or pool). */
  ownerId: string | null;
  conversationId: string;
  note: string | null;
}

export interface NewTask {
  title: string;
  assigneeId: string | null;
  dueDate: string | null;
}

export interface Recommended {
  product: Product;
  score: number;
  reason: RecommendationReason;
}

/**
 * A feed item with where it stands in the feed: its time exact to the microsecond (`exactTime`), which
 * the next page's cursor carries — the item's `at` is cut to the millisecond and would skip rows.
 */
export type PositionedFeedItem = FeedItem & { position: string };

/** Everything a store holds about one record (FEATURES H6): the record and its other rows, by kind, as stored. */
export interface StoredPersonalData {
  record: Record<string, unknown>;
  [part: string]: unknown;
}

export interface CrmConnector {
  readonly name: string;
  /** E1: the record with this email, else with this phone (messaging channels). */
  match(c: CrmCall, by: { email: string | null; phone: string | null }): Promise<string | null>;
  contactInfo(c: CrmCall, contactId: string): Promise<ContactAccessInfo | null>;
  /** E2: everything on the card but `canEdit`, which the hub decides. */
  card(c: CrmCall, contactId: string): Promise<Omit<ContactCard, 'canEdit'>>;
  addTag(c: CrmCall, contactId: string, tag: string): Promise<string[]>;
  removeTag(c: CrmCall, contactId: string, tag: string): Promise<string[]>;
  addNote(c: CrmCall, contactId: string, note: { kind: CrmNote['kind']; text: string }): Promise<CrmNote>;
  addTask(c: CrmCall, contactId: string, task: NewTask): Promise<Task>;
  /** The task's record, for the access check before `setTaskDone`. */
  taskContact(c: CrmCall, taskId: string): Promise<string | null>;
  setTaskDone(c: CrmCall, taskId: string, done: boolean): Promise<Task>;
  setPhone(c: CrmCall, contactId: string, phone: string | null): Promise<ContactSummary>;
  /** E4: a custom field of the record's layout set (null clears it), checked against its type; the record's card fields after. */
  setCustomField(c: CrmCall, contactId: string, key: string, value: string | null): Promise<CardField[]>;
  /** E5: a lead marked "from chat"; null when a record with this email already exists. */
  createLead(c: CrmCall, lead: NewLead): Promise<ContactSummary | null>;
  /**
   * C9: a person made from a messaging channel's sender (their number in E.164, or none on Messenger,
   * and the name the provider gave), owned by the rep who added them.
   */
  createPerson(
    c: CrmCall,
    person: { name: string; phone: string | null; conversationId: string },
  ): Promise<ContactSummary>;
  /** E9: newest first; `before` is the last item of the previous page (its `position` and id). */
  feed(
    c: CrmCall,
    contactId: string,
    types: FeedType[] | null,
    before: z.infer<typeof FeedCursor> | null,
    limit: number,
  ): Promise<PositionedFeedItem[]>;
  /** E9: a chat's transcript summary joins the feed when the chat ends. */
  addChatSummary(c: CrmCall, contactId: string, chat: ChatSummary): Promise<void>;
  /** Issue 14: a rep linked a conversation to this record after checking who the visitor was; the feed records it. */
  addLinkActivity(c: CrmCall, contactId: string, link: { conversationId: string; typedEmail: string }): Promise<void>;
  /** Issue 14: a deleted conversation leaves nothing in the store (its chat summary, any link to it). */
  forgetConversation(c: CrmCall, conversationId: string): Promise<void>;
  /** H6: everything held about the record, for its export; null when there is no such record. */
  exportContact(c: CrmCall, contactId: string): Promise<StoredPersonalData | null>;
  /** H6: erases the record and everything of it; how many rows of each kind went (numbers only), null when there was none. */
  eraseContact(c: CrmCall, contactId: string): Promise<Record<string, number> | null>;
  /** E11: products for this customer (or, for a visitor, for these products they looked at), with the reason. */
  recommend(
    c: CrmCall,
    input: { contactId: string | null; seedProductIds: string[]; limit: number },
  ): Promise<Recommended[]>;
  /** E4: the layouts of leads, persons and companies (a default when none was saved). */
  layouts(c: CrmCall): Promise<FieldLayout[]>;
  saveLayout(c: CrmCall, layout: FieldLayout): Promise<void>;
}
