import type {
  CrmAnswerFor,
  CrmRequest,
  Message,
  Note,
  PastConversation,
  RepSummary,
  ReviewDecision,
  Role,
  WorkingChats,
} from '#protocol';
import { clearAll, getLastEventId, type ParleyDb } from '#utils/db';
import type {
  BackgroundState,
  CommandFailure,
  CommandResult,
  SearchRepsResult,
  SettableStatus,
  SignInRequest,
  SignInResult,
  VisitorHistoryResult,
} from '#utils/messaging';
import {
  clearSession,
  connectionStateItem,
  hubUrlItem,
  notificationsEnabledItem,
  readSession,
  repItem,
  signOutReasonItem,
  soundsEnabledItem,
  writeSession,
} from '#utils/settings';
import type { Alerts } from './alerts';
import { storeHistory } from './apply-events';
import { isSecureHubUrl, login, logout, normalizeHubUrl } from './auth';
import { clearBadge, updateBadge } from './badge';
import { createCommandChannel } from './command-channel';
import { createDraftTracker } from './drafts';
import { createEventApplier } from './event-applier';
import { dispatchFrame } from './frame-handlers';
import { createHubConnection, repSocketUrl, type HubConnection, type HubConnectionOptions } from './hub-connection';
import { createChannelCommands } from './channel-commands';
import { createInboxCommands } from './inbox-commands';
import { createOutboxFlusher, enqueueReply } from './outbox';
import { createRepFrameHandlers } from './rep-frame-handlers';
import { createViewingTracker } from './viewing';

/**
 * The background worker's brain: owns the one hub connection and the session, wires what arrives
 * to the event applier and the frame handlers, and answers the UI's commands. All state it needs to
 * survive a worker restart lives in storage or Dexie, never only in these variables.
 */

export interface RepClientOptions {
  db: ParleyDb;
  fetchImpl?: typeof fetch;
  commandTimeoutMs?: number;
  /** How long a command waits for a connection that is still being made (e.g. the worker just woke). */
  waitOnlineMs?: number;
  connection?: Partial<Pick<HubConnectionOptions, 'createSocket' | 'startingDelayMs' | 'maxDelayMs' | 'keepaliveMs'>>;
  /** Sound and notifications for new pending chats and closing warnings (FEATURES B2, B4). */
  alerts?: Pick<Alerts, 'newPending' | 'closingSoon'> & Partial<Pick<Alerts, 'crmNotices'>>;
}

export type RepClient = ReturnType<typeof createRepClient>;

export function createRepClient(options: RepClientOptions) {
  const { db } = options;
  let connection: HubConnection | null = null;
  let connectedWith = '';
  let ensuring: Promise<void> = Promise.resolve();
  const resync = () => {
    connection?.stop();
    connection?.start();
  };
  const channel = createCommandChannel({
    connection: () => connection,
    commandTimeoutMs: options.commandTimeoutMs,
    waitOnlineMs: options.waitOnlineMs,
  });
  const { ask, command, requests } = channel;
  const outbox = createOutboxFlusher(db, (entry) =>
    command({ type: 'send', conversationId: entry.conversationId, clientId: entry.clientId, text: entry.text }),
  );
  const viewing = createViewingTracker((frame) => connection?.send(frame) ?? false);
  const drafts = createDraftTracker();
  const events = createEventApplier(db, { alerts: options.alerts, onApplyFailed: resync });
  const handlers = createRepFrameHandlers({
    db,
    events,
    requests,
    outbox,
    viewing,
    drafts,
    alerts: options.alerts,
    resync,
  });
  const drained = () => events.drained();

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
        events.setQuiet(lastEventId === 0);
        return lastEventId;
      },
      onFrame: (frame) => void dispatchFrame(handlers, frame),
      onStateChange: (state) => channel.onStateChange(state),
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
    // Signing out oneself has no reason to show; the hub's reason (signedOut frame) stays until the next sign-in.
    if (tellHub) await signOutReasonItem.setValue(null);
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
      if (!isSecureHubUrl(hubUrl))
        return {
          ok: false,
          reason: 'insecure-url',
          message: `${hubUrl} is not https:// (plain http:// only on this computer)`,
        };
      const result = await login(hubUrl, { email: request.email, password: request.password }, options.fetchImpl);
      if (!result.ok) return result;
      // Another account's inbox must not leak into this one, and its lastEventId means nothing here.
      if (await readSession()) await endSession(true);
      await writeSession({ hubUrl, token: result.token, rep: result.rep });
      await signOutReasonItem.setValue(null);
      // The account's first sign-in: the alerts a super user chose for new reps (FEATURES H1).
      if (result.startAlerts)
        await Promise.all([
          soundsEnabledItem.setValue(result.startAlerts.sounds),
          notificationsEnabledItem.setValue(result.startAlerts.notifications),
        ]);
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

    async setStatus(status: SettableStatus): Promise<CommandResult> {
      const result = await command({ type: 'setStatus', status, clientId: crypto.randomUUID() });
      if (result.ok) {
        const rep = await repItem.getValue();
        if (rep) await repItem.setValue({ ...rep, status });
      }
      return result;
    },

    /**
     * Switches the working mode (FEATURES A4). The hub refuses a mode beyond the rep's role; on success
     * it follows its ack with a `profile` frame, which stores the new mode and resyncs the inbox.
     */
    setMode: (mode: Role) => command({ type: 'setMode', mode, clientId: crypto.randomUUID() }),

    /**
     * The chats to work in (FEATURES A2): the hub refuses one the rep is in no queue of; on success every
     * device of the rep gets a `workChats` frame with the choice in force, which the popup shows.
     */
    setChats: (chats: WorkingChats) => command({ type: 'setChats', chats, clientId: crypto.randomUUID() }),

    async send(conversationId: string, text: string, clientId?: string): Promise<{ clientId: string }> {
      const entry = await enqueueReply(db, { conversationId, text }, clientId);
      void outbox.flush();
      return { clientId: entry.clientId };
    },

    ...createInboxCommands(command),
    ...createChannelCommands(channel),

    searchReps: (query: string): Promise<SearchRepsResult> =>
      ask<{ ok: true; reps: RepSummary[] }>({ type: 'searchReps', query }),

    viewing: (conversationId: string | null) => viewing.open(conversationId),

    visitorHistory: (conversationId: string): Promise<VisitorHistoryResult> =>
      ask<{ ok: true; conversations: PastConversation[] }>({ type: 'visitorHistory', conversationId }),

    /** Contact card and CRM actions (FEATURES E, protocol/crm.ts): one request, the hub's typed answer. */
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
