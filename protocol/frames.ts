import * as z from 'zod';
import { LIMITS } from './limits';
import { ReviewDecision } from './files';
import { SNEAK_PEEK } from './sneak-peek';
import { HubEvent } from './events';
import { WorkChatsFrame, WorkingChats } from './work-chats';
import { ChatRepsFrame } from './chat-reps';
import { QueueLiveFrame } from './analytics';
import { Note, NoteText, PastConversation, Tag } from './annotations';
import { CrmAnswer, CrmRequest } from './crm-requests';
import {
  Availability,
  ClientId,
  Conversation,
  EventId,
  Id,
  Message,
  MessageText,
  QueueSummary,
  RepProfile,
  RepSummary,
  Role,
  Timestamp,
} from './model';
import { Template } from './templates';
import { SignOutReason } from './people';
import { ChannelCommands, ChannelTemplatesFrame } from './channels';

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
  'origin_not_allowed', // a browser on a web origin the chat does not allow (FEATURES H2)
  'rate_limited', // too many in too short a time (FEATURES I4); `limit` is the allowance, `retryAfterMs` when to try again
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorFrame = z.object({
  type: z.literal('error'),
  reqId: ReqId.optional(),
  code: ErrorCode,
  message: z.string(),
  limit: z.number().optional(),
  retryAfterMs: z.number().int().min(0).optional(),
});
export type ErrorFrame = z.infer<typeof ErrorFrame>;

const Ping = z.object({ type: z.literal('ping'), t: z.number() });
const Pong = z.object({ type: z.literal('pong'), t: z.number() });

// ---- rep connection (/ws/rep) ----

export const TransferTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rep'), repId: Id }),
  z.object({ kind: z.literal('queue'), queueId: Id }),
]);
export type TransferTarget = z.infer<typeof TransferTarget>;

export const BlockDuration = z.discriminatedUnion('unit', [
  z.object({ unit: z.enum(['minutes', 'hours', 'days']), amount: z.number().int().min(1).max(LIMITS.blockAmount) }),
  z.object({ unit: z.literal('permanent') }),
]);
export type BlockDuration = z.infer<typeof BlockDuration>;

export const RepClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), v: z.number().int(), token: z.string().min(1).max(256), lastEventId: EventId }),
  Ping,
  // `clientId` makes a command idempotent: the hub stores its result once per rep and answers a
  // retry (same clientId, e.g. after a lost ack) with the first result instead of acting twice.
  z.object({ type: z.literal('take'), reqId: ReqId, clientId: ClientId, conversationId: Id }),
  z.object({ type: z.literal('send'), reqId: ReqId, conversationId: Id, clientId: ClientId, text: MessageText }),
  // Offline by choice (FEATURES A3): signed in, reading, but shown to no one and offered nothing.
  z.object({ type: z.literal('setStatus'), reqId: ReqId, clientId: ClientId, status: Availability }),
  /** Switch working mode; refused unless the rep's role grants it (MODES_FOR_ROLE). */
  z.object({ type: z.literal('setMode'), reqId: ReqId, clientId: ClientId, mode: Role }),
  /** FEATURES A2: work in these chats only, or all; refused for a chat the rep is in no queue of. */
  z.object({ type: z.literal('setChats'), reqId: ReqId, clientId: ClientId, chats: WorkingChats }),
  // Inbox rules (FEATURES C4–C7); each is decided by the hub for the sender's role.
  z.object({ type: z.literal('transfer'), reqId: ReqId, clientId: ClientId, conversationId: Id, to: TransferTarget }),
  z.object({ type: z.literal('markHandled'), reqId: ReqId, clientId: ClientId, conversationId: Id }),
  z.object({ type: z.literal('endSession'), reqId: ReqId, clientId: ClientId, conversationId: Id }),
  z.object({ type: z.literal('block'), reqId: ReqId, clientId: ClientId, conversationId: Id, duration: BlockDuration }),
  z.object({ type: z.literal('archive'), reqId: ReqId, clientId: ClientId, conversationId: Id }),
  z.object({ type: z.literal('unarchive'), reqId: ReqId, clientId: ClientId, conversationId: Id }),
  z.object({ type: z.literal('delete'), reqId: ReqId, clientId: ClientId, conversationId: Id }),
  /** Transfer search: reps by name or extension number. Answered with `reps`. */
  z.object({ type: z.literal('searchReps'), reqId: ReqId, query: z.string().trim().max(LIMITS.nameChars) }),
  /**
   * The latest messages of a conversation the rep can see, answered with `history`. Needed when a rep
   * gains a conversation whose earlier messages were never sent to them (e.g. transferred to them).
   */
  z.object({ type: z.literal('history'), reqId: ReqId, conversationId: Id }),
  /** Which conversation this rep has open (null: none), for collision detection (FEATURES C10). */
  z.object({ type: z.literal('viewing'), conversationId: Id.nullable() }),
  /** Accept or reject a visitor's file (FEATURES D4); only those who may reply in the conversation may. */
  z.object({
    type: z.literal('reviewFile'),
    reqId: ReqId,
    clientId: ClientId,
    conversationId: Id,
    fileId: Id,
    decision: ReviewDecision,
  }),
  /** The rep is (or stopped) typing a reply; the visitor sees "typing…" (FEATURES D2). Not stored. */
  z.object({ type: z.literal('typing'), conversationId: Id, typing: z.boolean() }),
  // Tags and internal notes (FEATURES D7, D9), decided by the rules table like the inbox commands.
  z.object({ type: z.literal('addTag'), reqId: ReqId, clientId: ClientId, conversationId: Id, tag: Tag }),
  z.object({ type: z.literal('removeTag'), reqId: ReqId, clientId: ClientId, conversationId: Id, tag: Tag }),
  z.object({ type: z.literal('addNote'), reqId: ReqId, clientId: ClientId, conversationId: Id, text: NoteText }),
  /** The visitor's earlier conversations across reps and queues (FEATURES D10), answered with `visitorHistory`. */
  z.object({ type: z.literal('visitorHistory'), reqId: ReqId, conversationId: Id }),
  /** Contact card and CRM actions (FEATURES E): see protocol/crm.ts. Answered with a `crm` frame. */
  z.object({ type: z.literal('crm'), reqId: ReqId, request: CrmRequest }),
  /** Messaging channels (FEATURES C9, G2): addContact, ignoreSender, sendTemplate, channelTemplates (channels.ts). */
  ...ChannelCommands,
]);
export type RepClientFrame = z.infer<typeof RepClientFrame>;
export type RepCommand = Exclude<RepClientFrame, { type: 'hello' | 'ping' }>;

export const RepServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    v: z.number().int(),
    rep: RepProfile,
    headEventId: EventId,
    /** Queues the rep can transfer to. */
    queues: z.array(QueueSummary),
  }),
  z.object({ type: z.literal('event'), event: HubEvent }),
  /**
   * A full re-sync (issue 14), instead of a replay, when the `hello`'s lastEventId is below what the
   * log has pruned: the rep's inbox as it stands, in pages of LIMITS.snapshotPage conversations. The
   * first page replaces the client's inbox; the last carries the event id it stands at, which the
   * client keeps as its resume point. The replay that follows starts after it.
   */
  z.object({
    type: z.literal('snapshot'),
    first: z.boolean(),
    last: z.boolean(),
    lastEventId: EventId,
    conversations: z.array(Conversation),
    templates: z.array(Template),
    statuses: z.array(z.object({ repId: Id, status: Availability })),
  }),
  /** Sent once the replay after `hello` is complete; everything after it is live. */
  z.object({ type: z.literal('synced'), lastEventId: EventId }),
  /** `warning`: done, with a caveat the rep should know (a block that could not include the visitor's IP, and why). */
  z.object({ type: z.literal('ack'), reqId: ReqId, messageId: Id.optional(), warning: z.string().optional() }),
  z.object({ type: z.literal('reps'), reqId: ReqId, reps: z.array(RepSummary) }),
  z.object({
    type: z.literal('history'),
    reqId: ReqId,
    conversationId: Id,
    messages: z.array(Message),
    notes: z.array(Note).optional(),
  }),
  z.object({
    type: z.literal('visitorHistory'),
    reqId: ReqId,
    conversationId: Id,
    conversations: z.array(PastConversation),
  }),
  /** The rep's profile changed (mode, availability) on this or another of their connections. */
  z.object({ type: z.literal('profile'), rep: RepProfile }),
  /** The hub ended this session (FEATURES H1): the socket closes next with CLOSE_UNAUTHORIZED; sign in again. */
  z.object({ type: z.literal('signedOut'), reason: SignOutReason }),
  /** FEATURES B4: this chat closes by its schedule at `closesAt` (within 15 minutes) and the rep has active conversations in it. */
  z.object({ type: z.literal('closingSoon'), chatId: Id, chatName: z.string(), closesAt: Timestamp }),
  /** Who else has a conversation open right now; not part of the event log (it is not history). */
  z.object({
    type: z.literal('viewers'),
    conversationId: Id,
    reps: z.array(RepSummary.pick({ id: true, name: true })),
  }),
  /** Sneak peek (FEATURES D2): the visitor's unsent draft; '' when it was cleared or sent. Not part of the event log. */
  z.object({ type: z.literal('draft'), conversationId: Id, text: z.string().max(SNEAK_PEEK.draftChars) }),
  WorkChatsFrame,
  ChatRepsFrame,
  QueueLiveFrame,
  z.object({ type: z.literal('crm'), reqId: ReqId, answer: CrmAnswer }),
  ChannelTemplatesFrame,
  ErrorFrame,
  Pong,
]);
export type RepServerFrame = z.infer<typeof RepServerFrame>;

// ---- visitor connection (/ws/visitor) ----
// Defined in ./visitor.ts with zod/mini (the widget bundles them; see there). Add visitor frames there.
export {
  ChatAvailability,
  QueuePosition,
  VisitorClientFrame,
  VisitorMessage,
  VisitorServerFrame,
  VisitorToken,
} from './visitor';
