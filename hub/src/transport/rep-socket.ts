import type { WebSocket } from 'ws';
import { LIMITS, PROTOCOL_VERSION, RepClientFrame, type Conversation, type HubEvent, type RepProfile, type RepServerFrame } from '../../../protocol';
import { acting, repForToken } from '../auth/sessions';
import { handleCrm } from '../crm/service';
import { closingSoonFor, setMode } from '../inbox/modes';
import { readEvents, type StoredEvent } from '../events/log';
import { archive, block, deleteConversation, endSession, markHandled, transfer, unarchive } from '../inbox/commands';
import { HubError } from '../inbox/errors';
import { reviewFile } from '../files/review';
import { RULES } from '../inbox/rules';
import { loadConversation } from '../inbox/rows';
import { accessFor } from '../inbox/folders';
import { forViewer, type ConversationSnapshot } from '../inbox/folders';
import { chatsForRep, postRepMessage, takeConversation } from '../inbox/rep';
import { conversationHistory, queuesForRep, searchReps } from '../inbox/directory';
import { setWorkChats, workChatsFrame } from '../inbox/work-chats';
import { addNote, addTag, conversationNotes, removeTag, visitorPast } from '../inbox/annotations';
import type { HubContext } from './context';
import { serveFrames } from './socket-base';
import type { RepPeer } from './viewers';

/** Close codes the extension acts on: 4001 means sign in again, don't retry. */
export const CLOSE_UNAUTHORIZED = 4001;
export const CLOSE_VERSION = 4002;
const CLOSING_CHECK_MS = 60_000;

type Frame<T extends RepClientFrame['type']> = Extract<RepClientFrame, { type: T }>;

/** Is this event for this rep? Supervisors see every event of every chat; reps only their chats and audience. */
export function visibleTo(rep: Pick<RepProfile, 'id' | 'role'>, chats: string[] | 'all', e: StoredEvent): boolean {
  // Personal notifications (SPEC E6) go to their addressee only, whatever their chats or role.
  if (e.event.kind === 'crm.notification') return e.audience?.includes(rep.id) ?? false;
  if (chats !== 'all' && !chats.includes(e.event.chatId)) return false;
  return rep.role !== 'rep' || e.audience === null || e.audience.includes(rep.id);
}

/** The event as this rep receives it: conversations carry this rep's folder and access. */
export function eventFor(rep: Pick<RepProfile, 'id' | 'role'>, event: HubEvent): HubEvent {
  if (event.kind !== 'conversation.opened' && event.kind !== 'conversation.updated') return event;
  return { ...event, conversation: forViewer(event.conversation as unknown as ConversationSnapshot, rep) as Conversation };
}

export function serveRepSocket(ws: WebSocket, ctx: HubContext): void {
  let rep: RepProfile | null = null;
  let chats: string[] | 'all' = [];
  // Highest event id this connection has passed (sent or filtered out): replay and live never overlap.
  let cursor = 0;
  let backlog: StoredEvent[] | null = null;
  let unsubscribe = () => {};
  let peer: RepPeer | null = null;
  let closingCheck: NodeJS.Timeout | null = null;
  let leaveRelay = () => {};
  let leavePresence = () => {};
  let stopChatReps = () => {};
  const warned = new Set<string>();
  // The hello reads the database between its steps; a socket that closed meanwhile must not go on
  // to count as present or to join the feeds, since its close handler has already run.
  let closed = false;
  ws.on('close', () => {
    closed = true;
    unsubscribe();
    leaveRelay();
    leavePresence();
    stopChatReps();
    if (closingCheck) clearInterval(closingCheck);
    if (peer) void ctx.viewers.leave(peer).catch(() => {});
  });

  const deliver = (e: StoredEvent) => {
    if (e.event.id <= cursor || !rep) return;
    cursor = e.event.id;
    const me = acting(rep);
    if (visibleTo(me, chats, e)) send({ type: 'event', event: eventFor(me, e.event) });
    // This rep changed their chats, here or on another device: tell this device the choice in force.
    if (e.event.kind === 'rep.chats' && e.event.repId === rep.id) tellWorkChats();
  };

  // SPEC A2. Serialised, and only what changed is sent: one change logs an event per chat of the rep.
  let toldWorkChats = '';
  let workChatsTelling: Promise<void> = Promise.resolve();
  /** The chats this rep may work in, as last told: the ones whose colleagues they are shown. */
  let choiceIds: string[] = [];
  const tellWorkChats = () => {
    workChatsTelling = workChatsTelling.then(async () => {
      if (!rep) return;
      try {
        const frame = await workChatsFrame(ctx.db, rep.id);
        choiceIds = frame.chats.map((c) => c.id);
        if (JSON.stringify(frame) === toldWorkChats) return;
        toldWorkChats = JSON.stringify(frame);
        send(frame);
      } catch (err) {
        console.error('hub: could not read the chats a rep works in', err);
      }
    });
    return workChatsTelling;
  };

  // SPEC A2: who works in each of this rep's chats. Asked again only when the shared view says one
  // of those chats changed; requests arriving meanwhile fold into one, and an unchanged list is not sent.
  let toldChatReps = '';
  let chatRepsDue = false;
  let chatRepsTelling: Promise<void> | null = null;
  const tellChatReps = (): Promise<void> => {
    chatRepsDue = true;
    chatRepsTelling ??= (async () => {
      while (chatRepsDue && rep && !closed) {
        chatRepsDue = false;
        await workChatsTelling;
        try {
          const frame = await ctx.chatReps.frameFor(rep.id, choiceIds);
          if (JSON.stringify(frame) === toldChatReps) continue;
          toldChatReps = JSON.stringify(frame);
          send(frame);
        } catch (err) {
          console.error('hub: could not read who works in the chats', err);
        }
      }
    })().finally(() => (chatRepsTelling = null));
    return chatRepsTelling;
  };

  /** The rep as the rules see them: in their current working mode. */
  const signedIn = (): RepProfile => {
    if (!rep) throw new HubError('not_ready', 'send hello with a token first');
    return acting(rep);
  };

  /** Runs a state-changing command, wakes the feeds, acknowledges. */
  const act = async (reqId: string, work: () => Promise<unknown>, messageId?: () => string | undefined) => {
    await work();
    ctx.committed();
    const id = messageId?.();
    send(id ? { type: 'ack', reqId, messageId: id } : { type: 'ack', reqId });
    // A chat just taken may be about to close: warn now rather than at the next minute's check.
    void warnClosingSoon();
  };
  const args = (f: { conversationId: string; clientId: string }) => ({ rep: signedIn(), conversationId: f.conversationId, clientId: f.clientId, now: ctx.now() });

  const handlers: { [T in RepClientFrame['type']]: (f: Frame<T>) => Promise<void> } = {
    async hello(f) {
      if (rep) throw new HubError('bad_frame', 'hello was already sent');
      if (f.v !== PROTOCOL_VERSION) {
        send({ type: 'error', code: 'version', message: `protocol ${f.v} is not supported; this hub speaks ${PROTOCOL_VERSION}` });
        return void ws.close(CLOSE_VERSION, 'version');
      }
      const found = await repForToken(ctx.db, f.token);
      if (!found) {
        send({ type: 'error', code: 'unauthorized', message: 'sign in again: this token is not valid' });
        return void ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
      }
      const me = (rep = found);
      chats = await chatsForRep(ctx.db, acting(me));
      if (closed) return;
      // Listen before replaying, buffer what arrives meanwhile, then flush: nothing falls in the gap.
      backlog = [];
      unsubscribe = ctx.feed.subscribe((e) => (backlog ? backlog.push(e) : deliver(e)));
      const { status, leave } = await ctx.presence.connected(me);
      leavePresence = leave;
      if (closed) return leave();
      send({ type: 'welcome', v: PROTOCOL_VERSION, rep: { ...me, status }, headEventId: ctx.feed.position, queues: await queuesForRep(ctx.db, acting(me)) });
      await tellWorkChats();
      stopChatReps = ctx.chatReps.subscribe((changed) => {
        if (changed === 'all' || choiceIds.some((id) => changed.has(id))) void tellChatReps();
      });
      if (closed) return stopChatReps();
      await tellChatReps();
      cursor = f.lastEventId;
      for (;;) {
        const page = await readEvents(ctx.db, cursor, chats, LIMITS.replayPage, me.id);
        page.forEach(deliver);
        if (page.length < LIMITS.replayPage) break;
      }
      const buffered = backlog;
      backlog = null;
      buffered.forEach(deliver);
      send({ type: 'synced', lastEventId: cursor });
      if (closed) return;
      peer = { rep: acting(me), send };
      ctx.viewers.join(peer);
      leaveRelay = ctx.live.addRep(peer);
      closingCheck = setInterval(() => void warnClosingSoon(), CLOSING_CHECK_MS);
      void warnClosingSoon();
    },
    async ping(f) {
      send({ type: 'pong', t: f.t });
    },
    take: (f) => act(f.reqId, () => takeConversation(ctx.db, signedIn(), f.conversationId, f.clientId, ctx.now())),
    async send(f) {
      let messageId: string | undefined;
      await act(f.reqId, async () => (messageId = (await postRepMessage(ctx.db, signedIn(), f, ctx.now())).message.id), () => messageId);
    },
    setStatus: (f) => act(f.reqId, () => ctx.presence.set(signedIn(), f.status, f.clientId)),
    setChats: (f) => act(f.reqId, () => setWorkChats(ctx.db, signedIn(), f.chats, f.clientId, ctx.now())),
    async setMode(f) {
      const updated = await setMode(ctx.db, rep ?? signedIn(), f.mode, f.clientId, ctx.now());
      ctx.committed();
      rep = updated;
      chats = await chatsForRep(ctx.db, acting(updated));
      if (peer) peer.rep = acting(updated);
      // An observer is not shown as working in a chat: every colleague's list may change.
      ctx.chatReps.invalidateAll();
      send({ type: 'ack', reqId: f.reqId });
      // What this rep may see changed: the client drops its copy and resumes from the start.
      send({ type: 'profile', rep: updated });
    },
    transfer: (f) => act(f.reqId, () => transfer(ctx.db, { ...args(f), to: f.to })),
    markHandled: (f) => act(f.reqId, () => markHandled(ctx.db, args(f))),
    endSession: (f) => act(f.reqId, () => endSession(ctx.db, args(f))),
    block: (f) => act(f.reqId, () => block(ctx.db, { ...args(f), duration: f.duration })),
    archive: (f) => act(f.reqId, () => archive(ctx.db, args(f))),
    unarchive: (f) => act(f.reqId, () => unarchive(ctx.db, args(f))),
    async delete(f) {
      // Deleted for good (SPEC C7): its files' rows go with it (cascade), their bytes once it is done.
      const files = await ctx.db.query<{ id: string }>('select id from files where conversation_id = $1', [f.conversationId]);
      await act(f.reqId, () => deleteConversation(ctx.db, args(f)));
      for (const file of files) await ctx.files.remove(file.id);
    },
    async searchReps(f) {
      send({ type: 'reps', reqId: f.reqId, reps: await searchReps(ctx.db, signedIn(), f.query) });
    },
    async history(f) {
      const me = signedIn();
      const messages = await conversationHistory(ctx.db, me, f.conversationId);
      send({ type: 'history', reqId: f.reqId, conversationId: f.conversationId, messages, notes: await conversationNotes(ctx.db, me, f.conversationId) });
    },
    addTag: (f) => act(f.reqId, () => addTag(ctx.db, { ...args(f), tag: f.tag })),
    removeTag: (f) => act(f.reqId, () => removeTag(ctx.db, { ...args(f), tag: f.tag })),
    addNote: (f) => act(f.reqId, () => addNote(ctx.db, { ...args(f), text: f.text })),
    async visitorHistory(f) {
      send({ type: 'visitorHistory', reqId: f.reqId, conversationId: f.conversationId, conversations: await visitorPast(ctx.db, signedIn(), f.conversationId) });
    },
    async crm(f) {
      send({ type: 'crm', reqId: f.reqId, answer: await handleCrm(ctx, signedIn(), f.request) });
    },
    async viewing(f) {
      signedIn();
      if (peer) await ctx.viewers.view(peer, f.conversationId);
    },
    async reviewFile(f) {
      const { rejected } = await reviewFile(ctx.db, { rep: signedIn(), conversationId: f.conversationId, fileId: f.fileId, decision: f.decision, clientId: f.clientId });
      ctx.committed();
      // A rejected file is never served: its bytes go once the decision is stored.
      if (rejected) await ctx.files.remove(f.fileId);
      send({ type: 'ack', reqId: f.reqId });
    },
    async typing(f) {
      // Only someone who may reply may say they are typing one (SPEC D2).
      const me = signedIn();
      const conv = await loadConversation(ctx.db, f.conversationId);
      const chats = await chatsForRep(ctx.db, me);
      if (!conv || (chats !== 'all' && !chats.includes(conv.chatId))) throw new HubError('not_found', 'no such conversation');
      const verdict = RULES.send({ role: me.role, access: accessFor(conv, me), status: conv.status });
      if (verdict) throw new HubError(verdict.code, verdict.message);
      ctx.live.typing(conv.visitorId, f.typing);
    },
  };

  /** SPEC B4: warn once per closing time for each chat where this rep has active conversations. */
  async function warnClosingSoon() {
    if (!rep) return;
    try {
      for (const w of await closingSoonFor(ctx.db, rep.id, ctx.now())) {
        const key = `${w.chatId}@${w.closesAt}`;
        if (warned.has(key)) continue;
        warned.add(key);
        send({ type: 'closingSoon', ...w });
      }
    } catch (err) {
      console.error('hub: closing check failed', err);
    }
  }

  const { send: sendRaw } = serveFrames(ws, RepClientFrame, (f) => (handlers[f.type] as (f: RepClientFrame) => Promise<void>)(f));
  const send = (f: RepServerFrame) => sendRaw(f);
}
