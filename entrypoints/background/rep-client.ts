import type { Conversation, CrmAnswerFor, CrmNotification, CrmRequest, HubEvent, Message, Note, PastConversation, RepCommand, RepSummary, ReviewDecision, Role, WorkingChats } from '../../protocol';
import { clearAll, forgetInbox, getLastEventId, META_CLOSING_SOON, META_QUEUES, META_WORK_CHATS, type ParleyDb, type WorkChatsState } from '../../utils/db';
import type { BackgroundState, CommandFailure, CommandResult, SearchRepsResult, SignInRequest, SignInResult, VisitorHistoryResult } from '../../utils/messaging';
import { clearSession, connectionStateItem, hubUrlItem, readSession, repItem, writeSession } from '../../utils/settings';
import type { Alerts } from './alerts';
import { applyEvents, storeHistory } from './apply-events';
import { login, logout, normalizeHubUrl } from './auth';
import { clearBadge, updateBadge } from './badge';
import { dispatchFrame, type FrameHandlers } from './frame-handlers';
import { createHubConnection, repSocketUrl, type HubConnection, type HubConnectionOptions, type LinkState } from './hub-connection';
import { createOutboxFlusher, enqueueReply } from './outbox';
import { createInboxCommands, type WithoutReqId } from './inbox-commands';
import { createRequestTracker } from './requests';
import { createViewingTracker } from './viewing';
import { createDraftTracker } from './drafts';

/**
 * The background worker's brain: owns the one hub connection, applies what arrives to Dexie, keeps
 * the badge and the outbox moving, and answers the UI's commands. All state it needs to survive a
 * worker restart lives in storage or Dexie, never only in these variables.
 */

export interface RepClientOptions {
  db: ParleyDb;
  fetchImpl?: typeof fetch;
  commandTimeoutMs?: number;
  /** How long a command waits for a connection that is still being made (e.g. the worker just woke). */
  waitOnlineMs?: number;
  connection?: Partial<Pick<HubConnectionOptions, 'createSocket' | 'startingDelayMs' | 'maxDelayMs' | 'keepaliveMs'>>;
  /** Sound and notifications for new pending chats and closing warnings (SPEC B2, B4). */
  alerts?: Pick<Alerts, 'newPending' | 'closingSoon'> & Partial<Pick<Alerts, 'crmNotices'>>;
}

export type RepClient = ReturnType<typeof createRepClient>;

export function createRepClient(options: RepClientOptions) {
  const { db } = options;
  const requests = createRequestTracker(options.commandTimeoutMs ?? 10_000);
  const outbox = createOutboxFlusher(db, (entry) =>
    command({ type: 'send', conversationId: entry.conversationId, clientId: entry.clientId, text: entry.text }),
  );
  const stateListeners = new Set<(state: LinkState) => void>();
  let connection: HubConnection | null = null;
  let connectedWith = '';
  let ensuring: Promise<void> = Promise.resolve();
  const viewing = createViewingTracker((frame) => connection?.send(frame) ?? false);
  const drafts = createDraftTracker();

  // ---- events: applied in arrival order, batched while a transaction is running ----
  let buffer: HubEvent[] = [];
  let quietUntilSynced = false;
  let applying: Promise<void> | null = null;

  function scheduleApply(): Promise<void> {
    applying ??= (async () => {
      while (buffer.length > 0) {
        const batch = buffer;
        buffer = [];
        const newlyPending: Conversation[] = [];
        const notices: CrmNotification[] = [];
        try {
          await applyEvents(db, batch, newlyPending, notices);
          // A fresh inbox replaying the hub's whole log is not news: alert only once it is in step.
          if (!quietUntilSynced) void options.alerts?.newPending(newlyPending);
          if (!quietUntilSynced && notices.length) void options.alerts?.crmNotices?.(notices);
        } catch (error) {
          // lastEventId did not move; reconnecting makes the hub replay from it, so nothing is skipped.
          console.error('[parley] applying events failed; resyncing', error);
          buffer = [];
          connection?.stop();
          connection?.start();
        }
        await updateBadge(db);
      }
    })().finally(() => {
      applying = null;
    });
    return applying;
  }

  async function drained(): Promise<void> {
    while (applying) await applying;
  }

  const handlers: FrameHandlers = {
    welcome: async (frame) => {
      await repItem.setValue(frame.rep);
      await db.meta.put({ key: META_QUEUES, value: frame.queues });
      await viewing.resend();
    },
    event: async ({ event }) => {
      buffer.push(event);
      void scheduleApply();
      if (event.kind === 'rep.status') await noteOwnStatus(event.repId, event.status);
      if (event.kind === 'message.created' && event.message.author === 'visitor') await drafts.sent(event.message.conversationId);
    },
    synced: async () => {
      await drained();
      quietUntilSynced = false;
      await outbox.flush();
    },
    ack: (frame) => requests.ack(frame.reqId, frame.messageId),
    reps: (frame) => requests.answer(frame.reqId, { ok: true, reps: frame.reps }),
    history: (frame) => requests.answer(frame.reqId, { ok: true, messages: frame.messages, notes: frame.notes ?? [] }),
    visitorHistory: (frame) => requests.answer(frame.reqId, { ok: true, conversations: frame.conversations }),
    crm: (frame) => requests.answer(frame.reqId, { ok: true, answer: frame.answer }),
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
      await drained();
      await forgetInbox(db);
      connection?.stop();
      connection?.start();
    },
    workChats: async ({ chats, working }) => {
      await db.meta.put({ key: META_WORK_CHATS, value: { chats, working } satisfies WorkChatsState });
    },
    closingSoon: async (frame) => {
      const known = ((await db.meta.get(META_CLOSING_SOON))?.value as (typeof frame)[] | undefined) ?? [];
      await db.meta.put({ key: META_CLOSING_SOON, value: [...known.filter((w) => w.chatId !== frame.chatId), frame] });
      await options.alerts?.closingSoon(frame);
    },
  };

  async function noteOwnStatus(repId: string, status: NonNullable<BackgroundState['rep']>['status']) {
    const rep = await repItem.getValue();
    if (rep && rep.id === repId && rep.status !== status) await repItem.setValue({ ...rep, status });
  }

  function onStateChange(state: LinkState) {
    void connectionStateItem.setValue(state);
    if (state === 'offline') requests.failAll('offline', 'the connection to the hub dropped');
    for (const listener of stateListeners) listener(state);
  }

  /** Resolves true once online, false after `ms` (or at once when there is no connection to wait for). */
  function waitOnline(ms: number): Promise<boolean> {
    if (connection?.isOnline) return Promise.resolve(true);
    if (!connection?.isRunning) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (online: boolean) => {
        clearTimeout(timer);
        stateListeners.delete(listener);
        resolve(online);
      };
      const listener = (state: LinkState) => state === 'online' && done(true);
      const timer = setTimeout(() => done(false), ms);
      stateListeners.add(listener);
    });
  }

  /** Sends a command and waits for the hub's answer to its reqId; `T` is the expected success shape. */
  async function ask<T extends { ok: true }>(frame: WithoutReqId<RepCommand>): Promise<T | CommandFailure> {
    await waitOnline(options.waitOnlineMs ?? 5_000);
    const reqId = crypto.randomUUID();
    if (!connection?.send({ ...frame, reqId } as RepCommand)) {
      return { ok: false, code: 'offline', message: 'not connected to the hub' };
    }
    return requests.wait<T>(reqId);
  }
  const command = (frame: WithoutReqId<RepCommand>): Promise<CommandResult> => ask<Extract<CommandResult, { ok: true }>>(frame);

  async function doEnsure() {
    const session = await readSession();
    if (!session) {
      connection?.stop();
      connection = null;
      await connectionStateItem.setValue('signed-out');
      await clearBadge();
      return;
    }
    const key = `${session.hubUrl} ${session.token}`;
    if (connection?.isRunning && connectedWith === key) return;
    connection?.stop();
    connectedWith = key;
    connection = createHubConnection({
      ...options.connection,
      url: repSocketUrl(session.hubUrl),
      token: session.token,
      getLastEventId: async () => {
        // Resume after everything already received, including a batch still being written.
        await drained();
        const lastEventId = await getLastEventId(db);
        // Set before the hello goes out, so no event of this connection can be applied before it.
        quietUntilSynced = lastEventId === 0;
        return lastEventId;
      },
      onFrame: (frame) => void dispatchFrame(handlers, frame),
      onStateChange,
      onUnauthorized: () => void endSession(false),
    });
    connection.start();
    await updateBadge(db);
  }

  /** Sign-out and a refused token end the same way: no socket, no local data, no badge. */
  async function endSession(tellHub: boolean) {
    const session = await readSession();
    connection?.stop();
    connection = null;
    connectedWith = '';
    requests.failAll('offline', 'signed out');
    await drained();
    if (tellHub && session) await logout(session.hubUrl, session.token, options.fetchImpl);
    await clearAll(db);
    await viewing.clear();
    await drafts.clear();
    await clearSession();
    await connectionStateItem.setValue('signed-out');
    await clearBadge();
  }

  return {
    /** Idempotent; run at every worker start and on every alarm. Calls are serialized. */
    ensureConnected(): Promise<void> {
      ensuring = ensuring.then(doEnsure, doEnsure);
      return ensuring;
    },

    async signIn(request: SignInRequest): Promise<SignInResult> {
      const hubUrl = normalizeHubUrl(request.hubUrl);
      if (!hubUrl) return { ok: false, reason: 'invalid-url', message: 'invalid hub URL' };
      const result = await login(hubUrl, { email: request.email, password: request.password }, options.fetchImpl);
      if (!result.ok) return result;
      // Another account's inbox must not leak into this one, and its lastEventId means nothing here.
      if (await readSession()) await endSession(true);
      await writeSession({ hubUrl, token: result.token, rep: result.rep });
      await this.ensureConnected();
      return { ok: true, rep: result.rep };
    },

    signOut: () => endSession(true),

    async getState(): Promise<BackgroundState> {
      const [connectionState, rep, hubUrl] = await Promise.all([
        connectionStateItem.getValue(),
        repItem.getValue(),
        hubUrlItem.getValue(),
      ]);
      return { connection: connectionState, rep, hubUrl };
    },

    take: (conversationId: string) => command({ type: 'take', conversationId, clientId: crypto.randomUUID() }),

    async setStatus(status: 'online' | 'away' | 'invisible'): Promise<CommandResult> {
      const result = await command({ type: 'setStatus', status, clientId: crypto.randomUUID() });
      if (result.ok) {
        const rep = await repItem.getValue();
        if (rep) await repItem.setValue({ ...rep, status });
      }
      return result;
    },

    /**
     * Switches the working mode (SPEC A4). The hub refuses a mode beyond the rep's role; on success
     * it follows its ack with a `profile` frame, which stores the new mode and resyncs the inbox.
     */
    setMode: (mode: Role) => command({ type: 'setMode', mode, clientId: crypto.randomUUID() }),

    /**
     * The chats to work in (SPEC A2): the hub refuses one the rep is in no queue of; on success every
     * device of the rep gets a `workChats` frame with the choice in force, which the popup shows.
     */
    setChats: (chats: WorkingChats) => command({ type: 'setChats', chats, clientId: crypto.randomUUID() }),

    async send(conversationId: string, text: string, clientId?: string): Promise<{ clientId: string }> {
      const entry = await enqueueReply(db, { conversationId, text }, clientId);
      void outbox.flush();
      return { clientId: entry.clientId };
    },

    ...createInboxCommands(command),

    searchReps: (query: string): Promise<SearchRepsResult> => ask<{ ok: true; reps: RepSummary[] }>({ type: 'searchReps', query }),

    viewing: (conversationId: string | null) => viewing.open(conversationId),

    visitorHistory: (conversationId: string): Promise<VisitorHistoryResult> =>
      ask<{ ok: true; conversations: PastConversation[] }>({ type: 'visitorHistory', conversationId }),

    /** Contact card and CRM actions (SPEC E, protocol/crm.ts): one request, the hub's typed answer. */
    crm: <R extends CrmRequest>(request: R): Promise<{ ok: true; answer: CrmAnswerFor<R['op']> } | CommandFailure> =>
      ask<{ ok: true; answer: CrmAnswerFor<R['op']> }>({ type: 'crm', request }),

    /** Fills in messages sent before this rep could see the conversation (e.g. transferred to them). */
    async loadHistory(conversationId: string): Promise<CommandResult> {
      const result = await ask<{ ok: true; messages: Message[]; notes: Note[] }>({ type: 'history', conversationId });
      if (!result.ok) return result;
      await storeHistory(db, result.messages, result.notes);
      return { ok: true };
    },

    reviewFile: (conversationId: string, fileId: string, decision: ReviewDecision) =>
      command({ type: 'reviewFile', conversationId, fileId, decision, clientId: crypto.randomUUID() }),

    /** Said now or never: a "typing" from minutes ago means nothing after a reconnect. */
    typing(conversationId: string, typing: boolean): void {
      connection?.send({ type: 'typing', conversationId, typing });
    },

    /** For tests and diagnostics. */
    get connection() {
      return connection;
    },
    drained,
    flushOutbox: () => outbox.flush(),
  };
}
