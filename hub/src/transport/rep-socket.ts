import type { WebSocket } from 'ws';
import { LIMITS, PROTOCOL_VERSION, RepClientFrame, type RepProfile, type RepServerFrame } from '../../../protocol';
import { repForToken } from '../auth/sessions';
import { readEvents, type StoredEvent } from '../events/log';
import { HubError } from '../inbox/errors';
import { chatsForRep, postRepMessage, takeConversation } from '../inbox/rep';
import type { HubContext } from './context';
import { serveFrames } from './socket-base';

/** Close codes the extension acts on: 4001 means sign in again, don't retry. */
export const CLOSE_UNAUTHORIZED = 4001;
export const CLOSE_VERSION = 4002;

type Frame<T extends RepClientFrame['type']> = Extract<RepClientFrame, { type: T }>;

/** Is this event for this rep? Supervisors see every event of every chat; reps only their chats and audience. */
export function visibleTo(rep: Pick<RepProfile, 'id' | 'role'>, chats: string[] | 'all', e: StoredEvent): boolean {
  if (chats !== 'all' && !chats.includes(e.event.chatId)) return false;
  return rep.role !== 'rep' || e.audience === null || e.audience.includes(rep.id);
}

export function serveRepSocket(ws: WebSocket, ctx: HubContext): void {
  let rep: RepProfile | null = null;
  let chats: string[] | 'all' = [];
  // Highest event id this connection has passed (sent or filtered out): replay and live never overlap.
  let cursor = 0;
  let backlog: StoredEvent[] | null = null;
  let unsubscribe = () => {};
  ws.on('close', () => {
    unsubscribe();
    if (rep) ctx.presence.disconnected(rep);
  });

  const deliver = (e: StoredEvent) => {
    if (e.event.id <= cursor || !rep) return;
    cursor = e.event.id;
    if (visibleTo(rep, chats, e)) send({ type: 'event', event: e.event });
  };

  const signedIn = (): RepProfile => {
    if (!rep) throw new HubError('not_ready', 'send hello with a token first');
    return rep;
  };

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
      rep = found;
      chats = await chatsForRep(ctx.db, rep);
      // Listen before replaying, buffer what arrives meanwhile, then flush: nothing falls in the gap.
      backlog = [];
      unsubscribe = ctx.feed.subscribe((e) => (backlog ? backlog.push(e) : deliver(e)));
      const status = await ctx.presence.connected(rep);
      send({ type: 'welcome', v: PROTOCOL_VERSION, rep: { ...rep, status }, headEventId: ctx.feed.position });
      cursor = f.lastEventId;
      for (;;) {
        const page = await readEvents(ctx.db, cursor, chats, LIMITS.replayPage);
        page.forEach(deliver);
        if (page.length < LIMITS.replayPage) break;
      }
      const buffered = backlog;
      backlog = null;
      buffered.forEach(deliver);
      send({ type: 'synced', lastEventId: cursor });
    },
    async ping(f) {
      send({ type: 'pong', t: f.t });
    },
    async take(f) {
      await takeConversation(ctx.db, signedIn(), f.conversationId, f.clientId);
      ctx.committed();
      send({ type: 'ack', reqId: f.reqId });
    },
    async send(f) {
      const { message } = await postRepMessage(ctx.db, signedIn(), f);
      ctx.committed();
      send({ type: 'ack', reqId: f.reqId, messageId: message.id });
    },
    async setStatus(f) {
      await ctx.presence.set(signedIn(), f.status, f.clientId);
      send({ type: 'ack', reqId: f.reqId });
    },
  };

  const { send: sendRaw } = serveFrames(ws, RepClientFrame, (f) => (handlers[f.type] as (f: RepClientFrame) => Promise<void>)(f));
  const send = (f: RepServerFrame) => sendRaw(f);
}
