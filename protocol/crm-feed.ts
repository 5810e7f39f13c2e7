// Owns what the card shows around the record: the activity feed with chat summaries (FEATURES E9)
// and the recommendations — last visit, abandoned cart, recommended products (FEATURES E2, E11).
import * as z from 'zod';
import { PersonRef, Product } from './crm-basics';
import { Id, Timestamp } from './model';

// ---- activity feed (FEATURES E9) ----

/** `link`: a rep linked a conversation to the record after checking who the visitor was (issue 14). */
export const FeedType = z.enum(['chat', 'note', 'email', 'task', 'lead', 'link']);
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
