import * as z from 'zod';
import { CRM_LIMITS } from './crm-limits';
import { LIMITS } from './limits';
import { Id, Timestamp } from './model';
import { CurrencyCode, SafeUrl } from './product-card';

/**
 * The contact card and CRM actions (FEATURES E1–E13) on the wire. A rep asks with one `crm` frame
 * (`{ type: 'crm', reqId, request }`) and the hub answers with one `crm` frame (`{ type: 'crm', reqId,
 * answer }`) whose `answer.op` is the request's `op`, or with an `error` frame. Requests that change
 * something carry a `clientId`: a retry gets the first answer back and changes nothing again.
 */

// ---- building blocks ----

export const ContactKind = z.enum(['lead', 'person']);
export type ContactKind = z.infer<typeof ContactKind>;
/** What a field layout is for (FEATURES E4). */
export const LayoutEntity = z.enum(['lead', 'person', 'company']);
export type LayoutEntity = z.infer<typeof LayoutEntity>;

export const PersonRef = z.object({ id: Id, name: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .email()
  .max(LIMITS.nameChars * 2);

/** Digits with spaces, dashes, dots, brackets and a leading +; at least `phoneMinDigits` digits. */
export const Phone = z
  .string()
  .trim()
  .max(CRM_LIMITS.phoneChars)
  .regex(/^\+?[0-9 ().-]+$/, 'digits, spaces, dashes, brackets and a leading + only')
  .refine(
    (p) => p.replace(/\D/g, '').length >= CRM_LIMITS.phoneMinDigits,
    `at least ${CRM_LIMITS.phoneMinDigits} digits`,
  );

/** A note's text, shared by the note and notify-sales requests. */
export const CrmNoteText = z
  .string()
  .trim()
  .min(1, 'note is empty')
  .max(CRM_LIMITS.noteChars)
  .refine((t) => !t.includes('\u0000'), 'note contains a NUL character');

export const CrmTag = z
  .string()
  .trim()
  .min(1, 'tag is empty')
  .max(CRM_LIMITS.tagChars)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\u0000-\u001f]+$/, 'tag contains control characters');

/** A calendar day (the task is due by the end of it). */
export const DueDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date as YYYY-MM-DD')
  // Runs even when the pattern failed (zod checks every rule), so it must not throw on any string.
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'no such day');

export const Product = z.object({
  id: Id,
  sku: z.string(),
  name: z.string(),
  brand: z.string(),
  category: z.string(),
  priceCents: z.number().int().nonnegative(),
  currency: CurrencyCode,
  imageUrl: SafeUrl.nullable(),
  url: SafeUrl.nullable(),
});
export type Product = z.infer<typeof Product>;

/** The fields a rep may put on a product card (FEATURES E10). */
export const ProductCardField = z.enum(['image', 'name', 'price', 'link']);
export type ProductCardField = z.infer<typeof ProductCardField>;

// ---- the card (FEATURES E2) ----

export const ContactSummary = z.object({
  id: Id,
  kind: ContactKind,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  company: PersonRef.nullable(),
  owner: PersonRef.nullable(),
  /** Created from a chat (FEATURES E5). */
  fromChat: z.boolean(),
  createdAt: Timestamp,
});
export type ContactSummary = z.infer<typeof ContactSummary>;

/** One field as the layout shows it; `label` null means the standard field's translated name. */
export const CardField = z.object({
  key: z.string(),
  label: z.string().nullable(),
  custom: z.boolean(),
  value: z.string().nullable(),
});
export type CardField = z.infer<typeof CardField>;

/** The scoring rules (documented in hub/src/crm/scoring.ts); each line says how many points a rule gave. */
export const ScoreRuleId = z.enum([
  'purchases_90d',
  'spend_90d',
  'cart_7d',
  'page_views_7d',
  'chats_30d',
  'emails_in_30d',
  'open_tasks',
]);
export type ScoreRuleId = z.infer<typeof ScoreRuleId>;
export const Score = z.object({
  /** 0–100. */
  value: z.number().int().min(0).max(100),
  rules: z.array(z.object({ rule: ScoreRuleId, count: z.number(), points: z.number().int() })),
});
export type Score = z.infer<typeof Score>;

export const CartLine = z.object({ product: Product, quantity: z.number().int().positive(), addedAt: Timestamp });
export type CartLine = z.infer<typeof CartLine>;
export const PurchaseLine = z.object({
  product: Product,
  quantity: z.number().int().positive(),
  priceCents: z.number().int().nonnegative(),
  purchasedAt: Timestamp,
});
export type PurchaseLine = z.infer<typeof PurchaseLine>;
export const EmailSummary = z.object({
  id: Id,
  direction: z.enum(['in', 'out']),
  subject: z.string(),
  snippet: z.string(),
  at: Timestamp,
});
export type EmailSummary = z.infer<typeof EmailSummary>;
/** `sales`: written by "notify sales" (FEATURES E6). Notes are shared with everyone who sees the record. */
export const CrmNote = z.object({
  id: Id,
  kind: z.enum(['note', 'sales']),
  text: z.string(),
  author: PersonRef.nullable(),
  createdAt: Timestamp,
});
export type CrmNote = z.infer<typeof CrmNote>;
export const Task = z.object({
  id: Id,
  title: z.string(),
  assignee: PersonRef.nullable(),
  dueDate: DueDate.nullable(),
  done: z.boolean(),
  createdBy: PersonRef.nullable(),
  createdAt: Timestamp,
});
export type Task = z.infer<typeof Task>;

export const ContactCard = z.object({
  contact: ContactSummary,
  score: Score,
  /** The fields the super users chose for this kind of record, in their order (FEATURES E4). */
  fields: z.array(CardField),
  company: z.object({ id: Id, name: z.string(), fields: z.array(CardField) }).nullable(),
  /** Last 24 hours. */
  cart: z.array(CartLine),
  purchases: z.array(PurchaseLine),
  tags: z.array(z.string()),
  emails: z.array(EmailSummary),
  notes: z.array(CrmNote),
  tasks: z.array(Task),
  /** Whether this rep may change the record (tags, notes, tasks, phone, notify sales). */
  canEdit: z.boolean(),
});
export type ContactCard = z.infer<typeof ContactCard>;

/**
 * The card for a conversation (FEATURES E1): `matched` when the visitor's email (or phone, on messaging
 * channels) belongs to a record; otherwise `anonymous` with only what is known, and whether
 * create-lead is possible (it needs an email).
 */
export const CardAnswerBody = z.discriminatedUnion('status', [
  z.object({ status: z.literal('matched'), card: ContactCard }),
  z.object({
    status: z.literal('anonymous'),
    known: z.object({
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      lastPageUrl: z.string().nullable(),
    }),
    canCreateLead: z.boolean(),
  }),
]);
export type CardAnswerBody = z.infer<typeof CardAnswerBody>;

// ---- activity feed (FEATURES E9) ----

export const FeedType = z.enum(['chat', 'note', 'email', 'task', 'lead']);
export type FeedType = z.infer<typeof FeedType>;

/** A chat's transcript summary, added when the chat ends (end session or handled). */
export const ChatSummary = z.object({
  conversationId: Id,
  startedAt: Timestamp,
  endedAt: Timestamp,
  rep: PersonRef.nullable(),
  contactName: z.string(),
  firstMessage: z.string(),
  /** Read the whole transcript with the `transcript` request. */
  messageCount: z.number().int().nonnegative(),
});
export type ChatSummary = z.infer<typeof ChatSummary>;

export const FeedItem = z.object({
  id: Id,
  type: FeedType,
  at: Timestamp,
  actor: PersonRef.nullable(),
  /** One line for the feed (a note's text, an email's subject, a task's title, …). */
  title: z.string(),
  chat: ChatSummary.nullable(),
});
export type FeedItem = z.infer<typeof FeedItem>;

export const FeedCursor = z.object({ at: Timestamp, id: Id });

// ---- recommendations (FEATURES E2, E11) ----

export const RecommendationReason = z.discriminatedUnion('kind', [
  /** Customers who bought `becauseOf` also bought this; `customers` of them did. */
  z.object({ kind: z.literal('co_purchase'), becauseOf: PersonRef, customers: z.number().int().positive() }),
  /** Nothing to go on yet: among the best sellers (`buyers` customers) of a category the visitor looked at, or overall. */
  z.object({ kind: z.literal('popular'), buyers: z.number().int().nonnegative(), category: z.string().nullable() }),
]);
export type RecommendationReason = z.infer<typeof RecommendationReason>;

export const Recommendations = z.object({
  /** Pages of the latest visit, newest first; `product` when the page is a product's. */
  lastVisit: z.array(
    z.object({ url: z.string(), title: z.string().nullable(), product: Product.nullable(), at: Timestamp }),
  ),
  /** Put in a cart, untouched for `abandonAfterMinutes`, never checked out. */
  abandonedCart: z.array(z.object({ product: Product, quantity: z.number().int().positive(), addedAt: Timestamp })),
  recommended: z.array(z.object({ product: Product, score: z.number(), reason: RecommendationReason })),
});
export type Recommendations = z.infer<typeof Recommendations>;

// ---- field layouts (FEATURES E4) ----

export const FieldType = z.enum(['text', 'number', 'date', 'url']);
/** The standard fields of each kind of record; super users choose which show, in what order. */
export const STANDARD_FIELDS = {
  lead: ['name', 'email', 'phone', 'address', 'company', 'owner', 'source', 'createdAt'],
  person: ['name', 'email', 'phone', 'address', 'company', 'owner', 'createdAt'],
  company: ['name', 'website', 'phone', 'address', 'industry'],
} as const satisfies Record<LayoutEntity, readonly string[]>;

export const LayoutField = z.discriminatedUnion('custom', [
  z.object({ custom: z.literal(false), key: z.string().min(1).max(40), visible: z.boolean() }),
  z.object({
    custom: z.literal(true),
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _; starts with a letter'),
    label: z.string().trim().min(1).max(CRM_LIMITS.fieldLabelChars),
    type: FieldType,
    visible: z.boolean(),
  }),
]);
export type LayoutField = z.infer<typeof LayoutField>;

/** The body of `PUT /api/admin/crm/layouts/:entity` (super users only) and what `layouts` answers. */
export const FieldLayout = z
  .object({ entity: LayoutEntity, fields: z.array(LayoutField).max(CRM_LIMITS.layoutFields) })
  .superRefine((l, ctx) => {
    const standard: readonly string[] = STANDARD_FIELDS[l.entity];
    const seen = new Set<string>();
    l.fields.forEach((f, i) => {
      if (seen.has(f.key))
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `field ${f.key} appears twice` });
      seen.add(f.key);
      if (!f.custom && !standard.includes(f.key))
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'key'],
          message: `${f.key} is not a standard ${l.entity} field`,
        });
      if (f.custom && standard.includes(f.key))
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `${f.key} is a standard field name` });
    });
  });
export type FieldLayout = z.infer<typeof FieldLayout>;

// ---- lead creation (FEATURES E5) ----

export const LeadAssignment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('owner'), ownerId: Id }),
  /** The pool's next member in round robin, claimed in the database (two hubs never pick the same turn). */
  z.object({ kind: z.literal('pool'), poolId: Id }),
]);
export type LeadAssignment = z.infer<typeof LeadAssignment>;

export const DistributionPool = z.object({ id: Id, name: z.string(), members: z.array(PersonRef) });
export type DistributionPool = z.infer<typeof DistributionPool>;

// ---- notifications (FEATURES E6): a hub event for the record's owner only ----

export const CrmNotification = z.object({
  id: Id,
  /** `sales`: someone used "notify sales"; `lead_assigned`: a lead from chat was given to you. */
  reason: z.enum(['sales', 'lead_assigned']),
  contact: PersonRef,
  from: PersonRef,
  text: z.string(),
  conversationId: Id.nullable(),
  createdAt: Timestamp,
});
export type CrmNotification = z.infer<typeof CrmNotification>;
