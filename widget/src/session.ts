import type { ChatAvailability, QueuePosition, VisitorServerFrame } from '#protocol/visitor';
import type { ConnectionStatus } from './connection';
import type { MessageKey, Translate } from './i18n';

/**
 * What the hub has told the visitor about being answered (availability, queue, ended, blocked) plus
 * the connection's state, folded from frames by a pure reducer, and turned into what the panel shows
 * by `viewModel`. Kept apart from the DOM so every rule here is tested in plain Node.
 */

export interface SessionState {
  status: ConnectionStatus;
  availability: ChatAvailability;
  queue: QueuePosition | null;
  conversationId: string | null;
  /** The conversation the rep ended (notice shown) until the visitor starts a new one. */
  ended: { conversationId: string | null } | null;
  /** 'notice': say it's suspended; 'hidden': the widget is gone for this page view. */
  blocked: 'no' | 'notice' | 'hidden';
  /** The offline form was sent during this page view: show the thanks instead of the form. */
  offlineSent: boolean;
}

/** Things the widget itself does that change what is shown. */
export type LocalEvent =
  | { type: 'status'; status: ConnectionStatus }
  | { type: 'sent' } // the visitor sent a message (composer or offline form)
  | { type: 'offlineSent' }
  | { type: 'hide' }; // the blocked notice has been shown long enough

export type SessionEvent = VisitorServerFrame | LocalEvent;

export const initialSession: SessionState = {
  status: 'connecting',
  // Until the hub says otherwise, assume someone answers: the composer is the safe default.
  availability: 'open',
  queue: null,
  conversationId: null,
  ended: null,
  blocked: 'no',
  offlineSent: false,
};

/** One reducer per event type, each typed with its own event: a new hub frame fails the type check here until it has one. */
type Reducers = {
  [K in SessionEvent['type']]: (s: SessionState, e: Extract<SessionEvent, { type: K }>) => SessionState;
};

const unchanged = (s: SessionState): SessionState => s;

const reducers: Reducers = {
  status: (s, e) => ({ ...s, status: e.status }),
  welcome(s, e) {
    // After a reconnect the same ended conversation (or none yet) keeps its notice; a new one clears it.
    const stillEnded = s.ended !== null && (e.conversationId === null || e.conversationId === s.ended.conversationId);
    return {
      ...s,
      availability: e.availability,
      queue: e.queue,
      conversationId: e.conversationId,
      ended: stillEnded ? s.ended : null,
      offlineSent: e.availability === 'closed' ? s.offlineSent : false,
    };
  },
  availability: (s, e) => ({
    ...s,
    availability: e.availability,
    offlineSent: e.availability === 'closed' ? s.offlineSent : false,
  }),
  queue: (s, e) => ({ ...s, queue: e.queue }),
  ended: (s, e) =>
    e.reason === 'blocked'
      ? { ...s, blocked: 'notice', queue: null }
      : { ...s, ended: { conversationId: s.conversationId }, queue: null },
  // A message from someone else after the end belongs to the next conversation.
  message: (s, e) => (e.message.author !== 'visitor' && s.ended ? { ...s, ended: null } : s),
  sent: (s) => (s.ended ? { ...s, ended: null } : s),
  offlineSent: (s) => ({ ...s, offlineSent: true, ended: null }),
  hide: unchanged, // only a blocked session hides (see reduce)
  ack: unchanged,
  identified: unchanged,
  typing: unchanged,
  features: unchanged,
  bot: unchanged,
  error: unchanged,
  pong: unchanged,
};

export function reduce(s: SessionState, e: SessionEvent): SessionState {
  // Once blocked, nothing the hub or the visitor does brings the widget back on this page view.
  if (s.blocked !== 'no')
    return e.type === 'hide' ? { ...s, blocked: 'hidden' } : e.type === 'status' ? { ...s, status: e.status } : s;
  return (reducers[e.type] as (s: SessionState, e: SessionEvent) => SessionState)(s, e);
}

export interface ViewModel {
  /** False: no launcher, no panel (blocked). */
  visible: boolean;
  /** The one status line above the thread (role=status), or null. */
  notice: string | null;
  /** The queue line (its own polite live region), or null. */
  queue: string | null;
  /** What sits under the thread: the chat composer, the offline form, its thanks, or nothing. */
  input: 'composer' | 'offline' | 'offlineThanks' | 'none';
}

export function viewModel(s: SessionState, t: Translate): ViewModel {
  if (s.blocked === 'hidden') return { visible: false, notice: null, queue: null, input: 'none' };
  if (s.blocked === 'notice') return { visible: true, notice: t('blocked'), queue: null, input: 'none' };
  const input = s.availability === 'closed' ? (s.offlineSent ? 'offlineThanks' : 'offline') : 'composer';
  return {
    visible: true,
    notice: noticeText(s, t),
    queue: s.availability === 'closed' ? null : queueText(s.queue, t),
    input,
  };
}

/** Connection trouble first (it explains why nothing moves), then ended, then no one available. */
function noticeText(s: SessionState, t: Translate): string | null {
  const key: MessageKey | null =
    s.status === 'connecting'
      ? 'connecting'
      : s.status === 'offline'
        ? 'reconnecting'
        : s.status === 'stopped'
          ? 'unavailable'
          : s.ended
            ? 'ended'
            : s.availability === 'unavailable'
              ? 'noOneAvailable'
              : null;
  return key ? t(key) : null;
}

export function queueText(q: QueuePosition | null, t: Translate): string | null {
  if (!q) return null;
  if (q.expectedWaitMs === null) return t('queue', { n: q.position });
  // Whole minutes, rounded up and never 0: "about 0 min" reads as "now", which a queue is not.
  return t('queueWait', { n: q.position, m: Math.max(1, Math.ceil(q.expectedWaitMs / 60_000)) });
}
