import {
  forgetInbox,
  META_CHAT_REPS,
  META_CLOSING_SOON,
  META_QUEUE_LIVE,
  META_QUEUES,
  META_WORK_CHATS,
  type ParleyDb,
  type WorkChatsState,
} from '#utils/db';
import type { BackgroundState } from '#utils/messaging';
import { repItem, signOutReasonItem } from '#utils/settings';
import type { Alerts } from './alerts';
import type { DraftTracker } from './drafts';
import type { EventApplier } from './event-applier';
import type { FrameHandlers } from './frame-handlers';
import type { OutboxFlusher } from './outbox';
import type { RequestTracker } from './requests';
import type { ViewingTracker } from './viewing';

/** What the rep socket's frames act on; all of it owned by the rep client. */
export interface RepFrameDeps {
  db: ParleyDb;
  events: EventApplier;
  requests: RequestTracker;
  outbox: Pick<OutboxFlusher, 'flush'>;
  viewing: ViewingTracker;
  drafts: DraftTracker;
  alerts?: Pick<Alerts, 'closingSoon'>;
  /** Drops the socket and connects again, so the hub replays its log from lastEventId. */
  resync: () => void;
}

/** Where each frame from the hub goes: Dexie, storage items, or the command waiting for an answer. */
export function createRepFrameHandlers(deps: RepFrameDeps): FrameHandlers {
  const { db, events, requests, viewing, drafts } = deps;

  async function noteOwnStatus(repId: string, status: NonNullable<BackgroundState['rep']>['status']) {
    const rep = await repItem.getValue();
    if (rep && rep.id === repId && rep.status !== status) await repItem.setValue({ ...rep, status });
  }

  return {
    welcome: async (frame) => {
      viewing.newConnection();
      await repItem.setValue(frame.rep);
      await db.meta.put({ key: META_QUEUES, value: frame.queues });
      await viewing.resend();
    },
    event: async ({ event }) => {
      events.push(event);
      if (event.kind === 'rep.status') await noteOwnStatus(event.repId, event.status);
      if (event.kind === 'message.created' && event.message.author === 'visitor')
        await drafts.sent(event.message.conversationId);
    },
    // A full re-sync (issue 14): in the applier's queue, so what was pushed before goes first and what is replayed after, after.
    snapshot: (frame) => events.snapshot(frame),
    synced: async () => {
      await events.drained();
      events.setQuiet(false);
      await deps.outbox.flush();
    },
    ack: (frame) => requests.ack(frame.reqId, frame.messageId),
    reps: (frame) => requests.answer(frame.reqId, { ok: true, reps: frame.reps }),
    history: (frame) => requests.answer(frame.reqId, { ok: true, messages: frame.messages, notes: frame.notes ?? [] }),
    visitorHistory: (frame) => requests.answer(frame.reqId, { ok: true, conversations: frame.conversations }),
    crm: (frame) => requests.answer(frame.reqId, { ok: true, answer: frame.answer }),
    // Messaging channels (issue 15): the approved WhatsApp templates, for whoever asked.
    channelTemplates: (frame) => requests.answer(frame.reqId, { ok: true, templates: frame.templates }),
    viewers: (frame) => viewing.onViewers(frame),
    draft: (frame) => drafts.onDraft(frame),
    error: (frame) => {
      if (frame.reqId) requests.fail(frame);
      else console.warn('[parley] hub error', frame.code, frame.message);
    },
    pong: () => {},
    profile: async ({ rep }) => {
      const before = await repItem.getValue();
      await repItem.setValue(rep);
      if (before && before.mode === rep.mode) return;
      // A new mode sees a different inbox: start over from the hub's log.
      await events.drained();
      await forgetInbox(db);
      deps.resync();
    },
    workChats: async ({ chats, working }) => {
      await db.meta.put({ key: META_WORK_CHATS, value: { chats, working } satisfies WorkChatsState });
    },
    chatReps: async ({ chats }) => {
      await db.meta.put({ key: META_CHAT_REPS, value: chats });
    },
    queueLive: async (frame) => {
      await db.meta.put({ key: META_QUEUE_LIVE, value: frame });
    },
    // The hub ended this session (FEATURES H1); it closes the socket next, which signs this browser out.
    signedOut: ({ reason }) => signOutReasonItem.setValue(reason),
    closingSoon: async (frame) => {
      const known = ((await db.meta.get(META_CLOSING_SOON))?.value as (typeof frame)[] | undefined) ?? [];
      await db.meta.put({ key: META_CLOSING_SOON, value: [...known.filter((w) => w.chatId !== frame.chatId), frame] });
      await deps.alerts?.closingSoon(frame);
    },
  };
}
