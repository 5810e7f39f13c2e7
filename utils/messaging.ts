import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Availability, ErrorCode, RepProfile } from '../protocol';
import type { ConnectionState } from './settings';

/**
 * Commands from extension pages (popup, side panel) to the background worker, which owns the hub
 * connection. One typed map: each key is a command, its function type the request and the answer.
 */

/** What the hub said (ErrorCode), or why it never could ('offline', 'timeout'). */
export type CommandErrorCode = ErrorCode | 'offline' | 'timeout';

export type CommandResult = { ok: true; messageId?: string } | { ok: false; code: CommandErrorCode; message: string };

export type SignInResult =
  | { ok: true; rep: RepProfile }
  | { ok: false; reason: 'invalid-url' | 'unreachable' | 'wrong-credentials' | 'rejected'; message: string };

export interface SignInRequest {
  hubUrl: string;
  email: string;
  password: string;
}

export type SettableStatus = Exclude<Availability, 'offline'>;

export interface BackgroundState {
  connection: ConnectionState;
  rep: RepProfile | null;
  hubUrl: string;
}

export interface ProtocolMap {
  signIn(request: SignInRequest): SignInResult;
  signOut(): void;
  getState(): BackgroundState;
  take(request: { conversationId: string }): CommandResult;
  setStatus(request: { status: SettableStatus }): CommandResult;
  /** Queues a reply in the outbox; delivery is the worker's job from then on (SPEC D8). */
  send(request: { conversationId: string; text: string }): { clientId: string };
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
