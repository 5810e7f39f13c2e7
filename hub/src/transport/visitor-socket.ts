import type { WebSocket } from 'ws';
import { PROTOCOL_VERSION, VisitorClientFrame, type VisitorServerFrame } from '../../../protocol';
import { HubError } from '../inbox/errors';
import { findChat, identifyVisitor, postVisitorMessage, touchVisitor, toVisitorMessage, visitorHistory } from '../inbox/visitor';
import type { HubContext } from './context';
import { serveFrames } from './socket-base';

type Frame<T extends VisitorClientFrame['type']> = Extract<VisitorClientFrame, { type: T }>;

/** A visitor's widget connection: anonymous, identified by the random visitor id the widget keeps. */
export function serveVisitorSocket(ws: WebSocket, ctx: HubContext): void {
  let visitor: { id: string; chatId: string } | null = null;
  let unsubscribe = () => {};
  ws.on('close', () => unsubscribe());

  const joined = () => {
    if (!visitor) throw new HubError('not_ready', 'send hello first');
    return visitor;
  };

  const handlers: { [T in VisitorClientFrame['type']]: (f: Frame<T>) => Promise<void> } = {
    async hello(f) {
      if (visitor) throw new HubError('bad_frame', 'hello was already sent');
      if (f.v !== PROTOCOL_VERSION) throw new HubError('version', `protocol ${f.v} is not supported; this hub speaks ${PROTOCOL_VERSION}`);
      const chat = await findChat(ctx.db, f.chatKey);
      if (!chat) throw new HubError('not_found', `no chat "${f.chatKey}"`);
      await touchVisitor(ctx.db, chat.id, f.visitorId);
      const me = (visitor = { id: f.visitorId, chatId: chat.id });
      // Subscribe first: a message committed while the history loads is sent twice at worst, and the widget dedupes by id.
      unsubscribe = ctx.feed.subscribe((e) => {
        if (e.visitorId === me.id && e.event.kind === 'message.created') send({ type: 'message', message: toVisitorMessage(e.event.message) });
      });
      const history = await visitorHistory(ctx.db, chat.id, me.id);
      send({ type: 'welcome', v: PROTOCOL_VERSION, ...history });
    },
    async ping(f) {
      send({ type: 'pong', t: f.t });
    },
    async send(f) {
      const me = joined();
      const { message } = await postVisitorMessage(ctx.db, { chatId: me.chatId, visitorId: me.id, clientId: f.clientId, text: f.text, pageUrl: f.pageUrl });
      ctx.committed();
      send({ type: 'ack', clientId: f.clientId, messageId: message.id });
    },
    async identify(f) {
      const me = joined();
      await identifyVisitor(ctx.db, me.chatId, me.id, f.email, f.name);
      ctx.committed();
      send({ type: 'identified', email: f.email });
    },
  };

  const { send: sendRaw } = serveFrames(ws, VisitorClientFrame, (f) => (handlers[f.type] as (f: VisitorClientFrame) => Promise<void>)(f));
  const send = (f: VisitorServerFrame) => sendRaw(f);
}
