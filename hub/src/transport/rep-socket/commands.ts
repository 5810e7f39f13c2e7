import type { RepClientFrame, RepProfile, RepServerFrame } from '#protocol';
import { acting } from '../../auth/sessions';
import { handleCrm } from '../../crm/service';
import { reviewFile } from '../../files/review';
import { addNote, addTag, conversationNotes, removeTag, visitorPast } from '../../inbox/annotations';
import { archive, block, deleteConversation, endSession, markHandled, transfer, unarchive } from '../../inbox/commands';
import { conversationHistory, searchReps } from '../../inbox/directory';
import { HubError } from '../../inbox/errors';
import { accessFor } from '../../inbox/folders';
import { setMode } from '../../inbox/modes';
import { chatsForRep, postRepMessage, takeConversation } from '../../inbox/rep';
import { loadConversation } from '../../inbox/rows';
import { RULES } from '../../inbox/rules';
import { setWorkChats } from '../../inbox/work-chats';
import type { HubContext } from '../context';
import type { RepSession } from './session';
import { channelHandlers } from './channel-commands';

/**
 * What a signed-in rep's socket answers: one handler per client frame type, the hello aside
 * (rep-socket.ts). The map is typed by the protocol, so a frame type without a handler fails the
 * type check.
 */
type Frame<T extends RepClientFrame['type']> = Extract<RepClientFrame, { type: T }>;
export type RepHandlers = { [T in RepClientFrame['type']]: (f: Frame<T>) => Promise<void> };

export function commandHandlers(
  ctx: HubContext,
  send: (f: RepServerFrame) => void,
  current: () => RepSession | null,
): Omit<RepHandlers, 'hello'> {
  const session = (): RepSession => {
    const s = current();
    if (!s) throw new HubError('not_ready', 'send hello with a token first');
    return s;
  };
  /** The rep as the rules see them: in their current working mode. */
  const signedIn = (): RepProfile => acting(session().rep);

  /** Runs a state-changing command, wakes the feeds, acknowledges (with what `extra` adds once it is done). */
  const act = async (
    reqId: string,
    work: () => Promise<unknown>,
    extra?: () => { messageId?: string; warning?: string },
  ) => {
    await work();
    ctx.committed();
    send({ type: 'ack', reqId, ...extra?.() });
    // A chat just taken may be about to close: warn now rather than at the next minute's check.
    void current()?.warnings.check();
  };
  const args = (f: { conversationId: string; clientId: string }) => ({
    rep: signedIn(),
    conversationId: f.conversationId,
    clientId: f.clientId,
    now: ctx.now(),
  });

  return {
    ...channelHandlers(ctx, send, signedIn, act, args),
    async ping(f) {
      send({ type: 'pong', t: f.t });
    },
    take: (f) => act(f.reqId, () => takeConversation(ctx.db, signedIn(), f.conversationId, f.clientId, ctx.now())),
    async send(f) {
      let messageId: string | undefined;
      await act(
        f.reqId,
        async () => (messageId = (await postRepMessage(ctx.db, signedIn(), f, ctx.now())).message.id),
        () => ({ messageId }),
      );
      ctx.channels.kick(); // a reply on a messaging channel waits in the outbox
    },
    setStatus: (f) => act(f.reqId, () => ctx.presence.set(signedIn(), f.status, f.clientId)),
    setChats: (f) => act(f.reqId, () => setWorkChats(ctx.db, signedIn(), f.chats, f.clientId, ctx.now())),
    async setMode(f) {
      const s = session();
      const updated = await setMode(ctx.db, s.rep, f.mode, f.clientId, ctx.now());
      ctx.committed();
      s.rep = updated;
      s.chats = await chatsForRep(ctx.db, acting(updated));
      if (s.peer) s.peer.rep = acting(updated);
      // An observer is not shown as working in a chat: every colleague's list may change.
      ctx.chatReps.invalidateAll();
      send({ type: 'ack', reqId: f.reqId });
      // What this rep may see changed: the client drops its copy and resumes from the start.
      send({ type: 'profile', rep: updated });
    },
    transfer: (f) => act(f.reqId, () => transfer(ctx.db, { ...args(f), to: f.to })),
    markHandled: (f) => act(f.reqId, () => markHandled(ctx.db, args(f))),
    endSession: (f) => act(f.reqId, () => endSession(ctx.db, args(f))),
    async block(f) {
      let ipRefused: string | null = null;
      await act(
        f.reqId,
        async () => ({ ipRefused } = await block(ctx.db, { ...args(f), duration: f.duration, trust: ctx.trustProxy })),
        () => (ipRefused ? { warning: `the visitor is blocked, but not their IP address: ${ipRefused}` } : {}),
      );
    },
    archive: (f) => act(f.reqId, () => archive(ctx.db, args(f))),
    unarchive: (f) => act(f.reqId, () => unarchive(ctx.db, args(f))),
    async delete(f) {
      // Deleted for good (FEATURES C7): its files' rows go with it (cascade), their bytes once it is done.
      const files = await ctx.db.query<{ id: string }>('select id from files where conversation_id = $1', [
        f.conversationId,
      ]);
      await act(f.reqId, () => deleteConversation(ctx.db, args(f)));
      for (const file of files) await ctx.files.remove(file.id);
    },
    async searchReps(f) {
      send({ type: 'reps', reqId: f.reqId, reps: await searchReps(ctx.db, signedIn(), f.query) });
    },
    async history(f) {
      const me = signedIn();
      const messages = await conversationHistory(ctx.db, me, f.conversationId);
      send({
        type: 'history',
        reqId: f.reqId,
        conversationId: f.conversationId,
        messages,
        notes: await conversationNotes(ctx.db, me, f.conversationId),
      });
    },
    addTag: (f) => act(f.reqId, () => addTag(ctx.db, { ...args(f), tag: f.tag })),
    removeTag: (f) => act(f.reqId, () => removeTag(ctx.db, { ...args(f), tag: f.tag })),
    addNote: (f) => act(f.reqId, () => addNote(ctx.db, { ...args(f), text: f.text })),
    async visitorHistory(f) {
      send({
        type: 'visitorHistory',
        reqId: f.reqId,
        conversationId: f.conversationId,
        conversations: await visitorPast(ctx.db, signedIn(), f.conversationId),
      });
    },
    async crm(f) {
      send({ type: 'crm', reqId: f.reqId, answer: await handleCrm(ctx, signedIn(), f.request) });
    },
    async viewing(f) {
      const { peer } = session();
      if (peer) await ctx.viewers.view(peer, f.conversationId);
    },
    async reviewFile(f) {
      const { rejected } = await reviewFile(ctx.db, {
        rep: signedIn(),
        conversationId: f.conversationId,
        fileId: f.fileId,
        decision: f.decision,
        clientId: f.clientId,
      });
      ctx.committed();
      // A rejected file is never served: its bytes go once the decision is stored.
      if (rejected) await ctx.files.remove(f.fileId);
      send({ type: 'ack', reqId: f.reqId });
    },
    async typing(f) {
      // Only someone who may reply may say they are typing one (FEATURES D2).
      const me = signedIn();
      const conv = await loadConversation(ctx.db, f.conversationId);
      const chats = await chatsForRep(ctx.db, me);
      if (!conv || (chats !== 'all' && !chats.includes(conv.chatId)))
        throw new HubError('not_found', 'no such conversation');
      const verdict = RULES.send({ role: me.role, access: accessFor(conv, me), status: conv.status });
      if (verdict) throw new HubError(verdict.code, verdict.message);
      ctx.live.typing(conv.visitorId, f.typing);
    },
  };
}
