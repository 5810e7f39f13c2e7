// Owns the contact card's shape (FEATURES E1, E2): the summary, fields, score, cart, purchases,
// emails, notes and tasks, and the matched/anonymous card answer.
import * as z from 'zod';
import { ContactKind, DueDate, PersonRef, Product } from './crm-basics';
import { Id, Timestamp } from './model';

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
 * The card for a conversation (FEATURES E1): `matched` when the conversation belongs to a record — a
 * rep linked it, or the visitor's email was verified by the shop (identity verification), or on a
 * messaging channel the phone matches; otherwise `anonymous` with only what is known, and whether
 * create-lead is possible (it needs an email). An email the visitor only typed is a claim (issue 14):
 * `emailVerified` false, and a record with that email is a `suggestion` the rep may link after a
 * check (`canLink`), never the card itself.
 */
export const CardAnswerBody = z.discriminatedUnion('status', [
  z.object({ status: z.literal('matched'), card: ContactCard }),
  z.object({
    status: z.literal('anonymous'),
    known: z.object({
      name: z.string().nullable(),
      email: z.string().nullable(),
      /** The shop signed this email (identity verification); absent in cards cached before: unverified. */
      emailVerified: z.boolean().optional(),
      phone: z.string().nullable(),
      lastPageUrl: z.string().nullable(),
    }),
    canCreateLead: z.boolean(),
    /** The record whose email the visitor typed, unverified: only a suggestion. */
    suggestion: z.object({ contactId: Id, name: z.string() }).nullable().optional(),
    /** Whether this rep may link the conversation to the suggestion (`linkContact`). */
    canLink: z.boolean().optional(),
  }),
]);
export type CardAnswerBody = z.infer<typeof CardAnswerBody>;
