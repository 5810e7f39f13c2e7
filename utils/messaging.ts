import { defineExtensionMessaging } from '@webext-core/messaging';
import type {
  Availability,
  BlockDuration,
  ChannelTemplate,
  CrmAnswer,
  CrmRequest,
  ErrorCode,
  PastConversation,
  RepProfile,
  RepSummary,
  ReviewDecision,
  Role,
  TransferTarget,
  WorkingChats,
} from '#protocol';
import type { PlaySoundResult } from './platform';
import type { ConnectionState } from './settings';

/**
 * Commands from extension pages (popup, side panel) to the background worker, which owns the hub
 * connection. One typed map: each key is a command, its function type the request and the answer.
 */

/** What the hub said (ErrorCode), or why it never could ('offline', 'timeout'). */
export type CommandErrorCode = ErrorCode | 'offline' | 'timeout';

export type CommandFailure = { ok: false; code: CommandErrorCode; message: string };
export type CommandResult = { ok: true; messageId?: string } | CommandFailure;
/** The hub's `reps` answer to a transfer search. */
export type SearchRepsResult = { ok: true; reps: RepSummary[] } | CommandFailure;
/** The hub's `visitorHistory` answer (FEATURES D10). */
export type VisitorHistoryResult = { ok: true; conversations: PastConversation[] } | CommandFailure;

/** The approved WhatsApp templates of a conversation's connection (FEATURES G2). */
export type ChannelTemplatesResult = { ok: true; templates: ChannelTemplate[] } | CommandFailure;

/** The hub's answer to a contact-card request (protocol/crm.ts); `answer.op` is the request's op. */
export type CrmResult = { ok: true; answer: CrmAnswer } | CommandFailure;

export type SignInResult =
  | { ok: true; rep: RepProfile }
  | {
      ok: false;
      reason: 'invalid-url' | 'insecure-url' | 'unreachable' | 'wrong-credentials' | 'rejected';
      message: string;
    };

export interface SignInRequest {
  hubUrl: string;
  email: string;
  password: string;
}

/** Every availability is the rep's to choose (FEATURES A3), offline too: signed in, shown to no one, offered nothing. */
export type SettableStatus = Availability;

export interface BackgroundState {
  connection: ConnectionState;
  rep: RepProfile | null;
  hubUrl: string;
}

type OnConversation = { conversationId: string };

export interface ProtocolMap {
  signIn(request: SignInRequest): SignInResult;
  signOut(): void;
  getState(): BackgroundState;
  take(request: OnConversation): CommandResult;
  setStatus(request: { status: SettableStatus }): CommandResult;
  /** Working mode (FEATURES A4); the hub refuses one the rep's role does not grant (MODES_FOR_ROLE). */
  setMode(request: { mode: Role }): CommandResult;
  /** The chats to work in, or all (FEATURES A2); the hub refuses a chat the rep is in no queue of. */
  setChats(request: { chats: WorkingChats }): CommandResult;
  /**
   * Queues a reply in the outbox; delivery is the worker's job from then on (FEATURES D8). The caller
   * picks the client id, so handing the same reply over again (after a worker died mid-call) is safe.
   */
  send(request: { conversationId: string; text: string; clientId: string }): { clientId: string };
  // Inbox rules (FEATURES C4–C7): the hub decides; the answer is its ack or refusal.
  transfer(request: OnConversation & { to: TransferTarget }): CommandResult;
  markHandled(request: OnConversation): CommandResult;
  endSession(request: OnConversation): CommandResult;
  block(request: OnConversation & { duration: BlockDuration }): CommandResult;
  archive(request: OnConversation): CommandResult;
  unarchive(request: OnConversation): CommandResult;
  delete(request: OnConversation): CommandResult;
  searchReps(request: { query: string }): SearchRepsResult;
  /** Asks the hub for the conversation's messages and stores them (earlier ones may never have reached this rep). */
  loadHistory(request: OnConversation): CommandResult;
  /** The conversation open in the side panel (null: none), for collision detection (FEATURES C10). */
  viewing(request: { conversationId: string | null }): void;
  /** Accepts or rejects a visitor's file (FEATURES D4); the hub decides who may. */
  reviewFile(request: OnConversation & { fileId: string; decision: ReviewDecision }): CommandResult;
  /** The rep is typing a reply, or stopped (FEATURES D2): the visitor sees "typing…". Not queued when offline. */
  typing(request: OnConversation & { typing: boolean }): void;
  // Tags and internal notes (FEATURES D7, D9): the hub decides who may; the answer is its ack or refusal.
  addTag(request: OnConversation & { tag: string }): CommandResult;
  removeTag(request: OnConversation & { tag: string }): CommandResult;
  addNote(request: OnConversation & { text: string }): CommandResult;
  /** The visitor's earlier conversations across reps and queues (FEATURES D10), straight from the hub. */
  visitorHistory(request: OnConversation): VisitorHistoryResult;
  /** Plays the chosen alert sound now, so the rep can hear their choice; says whether it really played. */
  testSound(): PlaySoundResult;
  /** The rep just granted this tab's site: show the page icon there now and on every later visit (FEATURES B1). */
  enableOnTab(request: { tabId: number }): void;
  /** Contact card and CRM actions (FEATURES E): one request to the hub, its typed answer or refusal. */
  crm(request: CrmRequest): CrmResult;
  // Messaging channels (FEATURES C9, G2): an unknown sender's Add contact and Ignore, WhatsApp templates.
  addContact(request: OnConversation): CommandResult;
  ignoreSender(request: OnConversation): CommandResult;
  channelTemplates(request: OnConversation): ChannelTemplatesResult;
  sendTemplate(
    request: OnConversation & { template: { name: string; language: string }; params: string[] },
  ): CommandResult;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
