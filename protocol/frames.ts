import * as z from 'zod';
import { LIMITS } from './limits';
import { HubEvent } from './events';
import { Availability, ClientId, EventId, Id, Message, MessageText, PageUrl, RepProfile } from './model';

/**
 * Every WebSocket frame, both directions, for both kinds of connection. Frames are JSON objects with
 * a `type`. Commands carry a `reqId` the hub echoes in its `ack` or `error`.
 */

const ReqId = z.string().min(1).max(64);

export const ErrorCode = z.enum([
  'bad_frame', // not JSON, unknown type, or fields fail validation
  'too_large', // frame or field over its limit; `limit` says the number
  'unauthorized', // bad or expired token
  'version', // protocol version not supported
  'not_ready', // a command before `hello`
  'not_found',
  'forbidden',
  'conflict', // e.g. someone else took the conversation
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorFrame = z.object({
  type: z.literal('error'),
  reqId: ReqId.optional(),
  code: ErrorCode,
  message: z.string(),
  limit: z.number().optional(),
});
export type ErrorFrame = z.infer<typeof ErrorFrame>;

const Ping = z.object({ type: z.literal('ping'), t: z.number() });
const Pong = z.object({ type: z.literal('pong'), t: z.number() });

// ---- rep connection (/ws/rep) ----

export const RepClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), v: z.number().int(), token: z.string().min(1).max(256), lastEventId: EventId }),
  Ping,
  // `clientId` makes a command idempotent: the hub stores its result once per rep and answers a
  // retry (same clientId, e.g. after a lost ack) with the first result instead of acting twice.
  z.object({ type: z.literal('take'), reqId: ReqId, clientId: ClientId, conversationId: Id }),
  z.object({ type: z.literal('send'), reqId: ReqId, conversationId: Id, clientId: ClientId, text: MessageText }),
  z.object({ type: z.literal('setStatus'), reqId: ReqId, clientId: ClientId, status: Availability.exclude(['offline']) }),
]);
export type RepClientFrame = z.infer<typeof RepClientFrame>;
export type RepCommand = Exclude<RepClientFrame, { type: 'hello' | 'ping' }>;

export const RepServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), v: z.number().int(), rep: RepProfile, headEventId: EventId }),
  z.object({ type: z.literal('event'), event: HubEvent }),
  /** Sent once the replay after `hello` is complete; everything after it is live. */
  z.object({ type: z.literal('synced'), lastEventId: EventId }),
  z.object({ type: z.literal('ack'), reqId: ReqId, messageId: Id.optional() }),
  ErrorFrame,
  Pong,
]);
export type RepServerFrame = z.infer<typeof RepServerFrame>;

// ---- visitor connection (/ws/visitor) ----

export const VisitorClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    v: z.number().int(),
    chatKey: z.string().min(1).max(64),
    visitorId: ClientId,
  }),
  Ping,
  z.object({ type: z.literal('send'), clientId: ClientId, text: MessageText, pageUrl: PageUrl }),
  z.object({
    type: z.literal('identify'),
    email: z.string().trim().toLowerCase().email().max(LIMITS.nameChars * 2),
    name: z.string().trim().min(1).max(LIMITS.nameChars).optional(),
  }),
]);
export type VisitorClientFrame = z.infer<typeof VisitorClientFrame>;

/** What a visitor sees of a message: no rep ids, no internal fields. */
export const VisitorMessage = Message.pick({ id: true, clientId: true, author: true, authorName: true, text: true, createdAt: true });
export type VisitorMessage = z.infer<typeof VisitorMessage>;

export const VisitorServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), v: z.number().int(), conversationId: Id.nullable(), messages: z.array(VisitorMessage) }),
  z.object({ type: z.literal('message'), message: VisitorMessage }),
  z.object({ type: z.literal('ack'), clientId: ClientId, messageId: Id }),
  z.object({ type: z.literal('identified'), email: z.string() }),
  ErrorFrame,
  Pong,
]);
export type VisitorServerFrame = z.infer<typeof VisitorServerFrame>;
