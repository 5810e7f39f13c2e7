import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION } from '#protocol';
import type { Sql } from '#hub/storage/db';
import { connect, loginAs, wsUrl, type TestSocket } from './support';

/** Reps and visitors as real WebSocket clients of a real hub, with one-line commands for rule tests. */

/** A hub as the actors use it: where it listens and a way to read its database (a Hub, or one of a cluster). */
export interface HubAt {
  url: string;
  ctx: { db: Sql };
}

export interface RepActor {
  socket: TestSocket;
  token: string;
  /** Sends a command (reqId and clientId filled in) and resolves with the hub's ack or error. */
  cmd(
    frame: Record<string, unknown>,
  ): Promise<{ type: 'ack' | 'error'; code?: string; message?: string; messageId?: string }>;
  /** The latest copy of a conversation this rep received, as the hub shaped it for them. */
  seen(conversationId: string): any;
  close(): void;
}

export async function repActor(hub: HubAt, email: string): Promise<RepActor> {
  const { body } = await loginAs(hub.url, email);
  const socket = await connect(wsUrl(hub.url, '/ws/rep'));
  socket.send({ type: 'hello', v: PROTOCOL_VERSION, token: body.token, lastEventId: 0 });
  await socket.next((f) => f.type === 'synced');
  const seen = new Map<string, any>();
  socket.ws.on('message', (data) => {
    const f = JSON.parse(data.toString());
    if (f.type === 'event' && f.event.conversation) seen.set(f.event.conversation.id, f.event.conversation);
  });
  return {
    socket,
    token: body.token,
    async cmd(frame) {
      const reqId = randomUUID();
      socket.send({ clientId: randomUUID(), ...frame, reqId });
      return socket.next((f) => f.reqId === reqId && (f.type === 'ack' || f.type === 'error'));
    },
    seen: (id) => seen.get(id),
    close: () => socket.close(),
  };
}

export interface VisitorActor {
  socket: TestSocket;
  welcome: any;
  /** The public id the hub gave this visitor (what reps see). */
  id: string;
  /** The credential to come back with (the one minted at the first hello, or the one passed in). */
  token: string;
  /** Sends a message and resolves with its conversation id once the hub acknowledged it. */
  say(text: string): Promise<string>;
  close(): void;
}

/**
 * A visitor's widget: new (the hub mints its credential) unless `token` brings back an earlier one.
 * `headers`: sent with the handshake, e.g. the X-Forwarded-For a trusted proxy would add.
 * `identity`: the signed-in customer's email and the shop's signature of it (identity verification, issue 14).
 */
export async function visitorActor(
  hub: HubAt,
  token?: string,
  chatKey = 'demo-shop',
  headers?: Record<string, string>,
  identity?: { email: string; hash: string },
): Promise<VisitorActor> {
  const socket = await connect(wsUrl(hub.url, '/ws/visitor'), headers);
  socket.send({
    type: 'hello',
    v: PROTOCOL_VERSION,
    chatKey,
    ...(token ? { token } : {}),
    ...(identity ? { identity } : {}),
  });
  const welcome = await socket.next((f) => f.type === 'welcome' || f.type === 'ended');
  return {
    socket,
    welcome,
    id: welcome.visitorId,
    token: welcome.token ?? token,
    async say(text) {
      const clientId = randomUUID();
      socket.send({ type: 'send', clientId, text, pageUrl: 'https://shop.example/' });
      await socket.next((f) => f.type === 'ack' && f.clientId === clientId);
      const msg = await socket.next((f) => f.type === 'message' && f.message.clientId === clientId);
      const [row] = await hub.ctx.db.query<{ conversation_id: string }>(
        'select conversation_id from messages where id = $1',
        [msg.message.id],
      );
      return row.conversation_id;
    },
    close: () => socket.close(),
  };
}

/** Waits until `check` passes (the hub's fan-out is asynchronous), or fails with its last error. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
