import * as z from 'zod/mini';
import { CRM_LIMITS } from './crm-limits';
import { LIMITS } from './limits';
import { FILE_LIMITS } from './file-types';
import { SNEAK_PEEK } from './sneak-peek';
import { TRACK_LIMITS } from './track-limits';

/**
 * The visitor connection's frames (/ws/visitor), both directions. Written with `zod/mini` on
 * purpose: the widget bundles this file and validates every frame with it, and classic zod would add
 * about 25 KiB gzipped to a widget whose budget is 40 (issue 7). Classic and mini share one core, so
 * the hub parses these with the same `parseFrame` as the rep frames.
 *
 * Rules for this file (checked by the widget size test in widget/src/bundle-size.test.ts):
 * import only `zod/mini` and files without zod, and define new visitor frames here with mini's
 * functional API (`z.optional(x)`, `.check(z.maxLength(n))`) — never import `./model` or `./frames`.
 * The few shapes shared with model.ts (ids, message text, page URL) are repeated here; a test
 * (visitor.test.ts) checks both versions accept and refuse the same values.
 */

export const VisitorId = z.string().check(z.minLength(1), z.maxLength(64));
/**
 * The visitor's credential: a secret the hub mints at the first `hello` (32 random bytes, base64url)
 * and keeps only hashed; the widget stores it and presents it in `hello` and on file requests. The
 * visitor id reps see is public and opens nothing (issue 14).
 */
export const VisitorToken = z
  .string()
  .check(z.minLength(32), z.maxLength(128), z.regex(/^[A-Za-z0-9_-]+$/, 'not a visitor token'));
/** A signed-in customer as the shop's page passes them to the widget (identity verification). */
export const VisitorIdentity = z.object({
  email: z.string().check(z.email(), z.maxLength(LIMITS.nameChars * 2)),
  hash: z.string().check(z.regex(/^[0-9a-fA-F]{64}$/, 'hash: the 64 hex digits of an HMAC-SHA256')),
});
export type VisitorIdentity = z.infer<typeof VisitorIdentity>;
export const VisitorClientId = z
  .string()
  .check(z.minLength(8), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only'));
const Timestamp = z.iso.datetime({ offset: true });

export const VisitorMessageText = z.string().check(
  z.trim(),
  z.minLength(1, 'message is empty'),
  z.maxLength(LIMITS.messageChars, `message is longer than ${LIMITS.messageChars} characters`),
  // PostgreSQL cannot store NUL in text; refuse it here with a clear reason instead of failing later.
  z.refine((t) => !t.includes('\u0000'), 'message contains a NUL character'),
);

/** http or https only (as PageUrl in model.ts). */
export const VisitorPageUrl = z.url({ protocol: /^https?$/ }).check(z.maxLength(LIMITS.urlChars));

export const VisitorEmail = z.string().check(z.trim(), z.toLowerCase(), z.email(), z.maxLength(LIMITS.nameChars * 2));

/**
 * Page tracking (FEATURES G1, E2): a page view (on load and on each navigation), or a cart change the host
 * page reports through the widget. `productId` is the catalog id when the page knows it; otherwise
 * the hub matches the URL against product links. `ageMs`: how long ago it happened, for views queued
 * before the socket was up (the visitor's clock only measures the gap; the hub dates it by its own).
 * Not acknowledged; at most CRM_LIMITS.trackPerMinute a minute.
 */
export const TrackFrame = z.object({
  type: z.literal('track'),
  event: z.enum(['page_view', 'cart_add', 'cart_remove', 'checkout']),
  url: VisitorPageUrl,
  title: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(LIMITS.nameChars * 2)))),
  productId: z.optional(z.nullable(VisitorId)),
  quantity: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(CRM_LIMITS.cartQuantity))),
  ageMs: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(TRACK_LIMITS.maxAgeMs))),
  /** With `checkout`: the shop's order id, so the hub records the cart as that order until the shop's webhook replaces it (issue 20). */
  orderId: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(TRACK_LIMITS.orderIdChars)))),
});
export type TrackFrame = z.infer<typeof TrackFrame>;

/** http and https only: a product card never carries `javascript:` or `data:` links (FEATURES E10, I4). */
const VisitorSafeUrl = z.url().check(
  z.maxLength(LIMITS.urlChars),
  z.refine((u) => /^https?:\/\//i.test(u), 'only http and https links are allowed'),
);

/** A product card on a message (FEATURES E10); the same shape as `ProductCardPayload` in product-card.ts. */
export const VisitorProductCard = z.object({
  productId: VisitorId,
  name: z.nullable(z.string().check(z.minLength(1), z.maxLength(LIMITS.nameChars * 2))),
  price: z.nullable(
    z.object({
      amountCents: z.number().check(z.int(), z.minimum(0)),
      currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
    }),
  ),
  imageUrl: z.nullable(VisitorSafeUrl),
  url: z.nullable(VisitorSafeUrl),
});
export type VisitorProductCard = z.infer<typeof VisitorProductCard>;

const Ping = z.object({ type: z.literal('ping'), t: z.number() });

/** The widget's languages (FEATURES I1); the routing bot speaks the visitor's. */
export const VisitorLang = z.enum(['en', 'it', 'de', 'pl', 'cs']);
/** The routing bot's buttons (FEATURES F1, F4): already a customer, not yet, or a person please. */
export const BotChoiceId = z.enum(['yes', 'no', 'person']);
const Pong = z.object({ type: z.literal('pong'), t: z.number() });

export const VisitorClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    v: z.number().check(z.int()),
    chatKey: z.string().check(z.minLength(1), z.maxLength(64)),
    /** The credential from an earlier `welcome`; absent (or unknown to the hub) and a new visitor is made. */
    token: z.optional(VisitorToken),
    /**
     * Identity verification (issue 14): the signed-in customer's email and its signature, the hex
     * HMAC-SHA256 of the email, exactly as given, keyed with the chat's secret, made by the shop's
     * server. A valid one makes the email verified; a wrong one is answered with an error and ignored.
     */
    identity: z.optional(VisitorIdentity),
    lang: z.optional(VisitorLang),
  }),
  Ping,
  z.object({ type: z.literal('send'), clientId: VisitorClientId, text: VisitorMessageText, pageUrl: VisitorPageUrl }),
  /** The pre-chat details: an email, a name, or both (FEATURES G1); what is left out stays as it was. */
  z
    .object({
      type: z.literal('identify'),
      email: z.optional(VisitorEmail),
      name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.nameChars))),
    })
    .check(z.refine((f) => f.email !== undefined || f.name !== undefined, 'identify needs an email, a name or both')),
  /** Sneak peek (FEATURES D2): what the visitor is typing, debounced; '' when the box was emptied. */
  z.object({
    type: z.literal('draft'),
    text: z
      .string()
      .check(z.maxLength(SNEAK_PEEK.draftChars, `a draft is longer than ${SNEAK_PEEK.draftChars} characters`)),
  }),
  /** A bot button pressed; stored as the visitor's message (the button's label), acked like a send. */
  z.object({ type: z.literal('botChoice'), clientId: VisitorClientId, choice: BotChoiceId, pageUrl: VisitorPageUrl }),
  TrackFrame,
]);
export type VisitorClientFrame = z.infer<typeof VisitorClientFrame>;

/** A file on a message (FEATURES D3, D4); the same shape as `Attachment` in files.ts. */
export const VisitorAttachment = z.object({
  id: VisitorId,
  name: z.string(),
  mime: z.string(),
  size: z.number().check(z.int(), z.minimum(0)),
  status: z.enum(['pending', 'accepted', 'rejected']),
});
export type VisitorAttachment = z.infer<typeof VisitorAttachment>;

/** What a visitor sees of a message: no rep ids, no internal fields. */
export const VisitorMessage = z.object({
  id: VisitorId,
  clientId: z.nullable(z.string()),
  author: z.enum(['visitor', 'rep', 'system']),
  authorName: z.nullable(z.string()),
  text: z.string(),
  createdAt: Timestamp,
  attachment: z.optional(z.nullable(VisitorAttachment)),
  product: z.optional(VisitorProductCard),
});
export type VisitorMessage = z.infer<typeof VisitorMessage>;

/**
 * What the visitor is told about being answered: `open` (someone can answer), `unavailable` (no one
 * available: only invisible, away or full reps, or none), `closed` (outside business hours: show the
 * offline form; messages still wait in Pending).
 */
export const ChatAvailability = z.enum(['open', 'unavailable', 'closed']);
export type ChatAvailability = z.infer<typeof ChatAvailability>;

/** Place in the queue (1 = next) and the expected wait, while the conversation waits for a rep. */
export const QueuePosition = z.object({
  position: z.number().check(z.int(), z.minimum(1)),
  expectedWaitMs: z.nullable(z.number().check(z.int(), z.minimum(0))),
});
export type QueuePosition = z.infer<typeof QueuePosition>;

export const VisitorErrorFrame = z.object({
  type: z.literal('error'),
  reqId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  code: z.enum([
    'bad_frame',
    'too_large',
    'unauthorized',
    'version',
    'not_ready',
    'not_found',
    'forbidden',
    'conflict',
    'origin_not_allowed',
    'rate_limited',
    'internal',
  ]),
  message: z.string(),
  limit: z.optional(z.number()),
  retryAfterMs: z.optional(z.number().check(z.int(), z.minimum(0))),
});

export const VisitorServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    v: z.number().check(z.int()),
    /** The visitor's public id (what reps see). */
    visitorId: VisitorId,
    /** Only when the hub made a new visitor: the credential to keep and present from now on. */
    token: z.optional(VisitorToken),
    conversationId: z.nullable(VisitorId),
    messages: z.array(VisitorMessage),
    availability: ChatAvailability,
    queue: z.nullable(QueuePosition),
  }),
  z.object({ type: z.literal('availability'), availability: ChatAvailability }),
  z.object({ type: z.literal('queue'), queue: z.nullable(QueuePosition) }),
  /** The rep ended the session (`ended`) or blocked the visitor (`blocked`: the widget hides itself). */
  z.object({ type: z.literal('ended'), reason: z.enum(['ended', 'blocked']) }),
  z.object({ type: z.literal('message'), message: VisitorMessage }),
  z.object({ type: z.literal('ack'), clientId: VisitorClientId, messageId: VisitorId }),
  /** The details the hub now holds for this visitor, as it stored them. */
  z.object({ type: z.literal('identified'), email: z.optional(z.string()), name: z.optional(z.string()) }),
  /** A rep is typing (FEATURES D2); the widget also hides it by itself after SNEAK_PEEK.typingShownMs. */
  z.object({ type: z.literal('typing'), typing: z.boolean() }),
  /** The chat's settings the widget acts on: after `welcome`, and when a draft was refused because sneak peek is off. Page tracking waits for it. */
  z.object({
    type: z.literal('features'),
    sneakPeek: z.boolean(),
    fileMaxBytes: z.number().check(z.int(), z.minimum(1), z.maximum(FILE_LIMITS.maxChatFileBytes)),
    /** Page addresses may keep their query string and fragment (page-address.ts); false: origin and path only. */
    trackQuery: z.boolean(),
  }),
  /** The routing bot's buttons to show now, labelled in the visitor's language; [] once it is done. */
  z.object({ type: z.literal('bot'), choices: z.array(z.object({ id: BotChoiceId, label: z.string() })) }),
  VisitorErrorFrame,
  Pong,
]);
export type VisitorServerFrame = z.infer<typeof VisitorServerFrame>;
