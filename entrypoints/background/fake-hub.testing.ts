import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';
import type { Access, Conversation, RepClientFrame, RepServerFrame } from '../../protocol';
import type { SocketFactory, SocketLike } from './hub-connection';

/**
 * A real WebSocket server on a random port that plays the hub's /ws/rep side in unit tests.
 * Each test scripts it with `onFrame`; it records every frame the extension sent.
 */
export interface FakeHub {
  url: string;
  received: RepClientFrame[];
  connections: number;
  sockets: Set<WebSocket>;
  onFrame: (frame: RepClientFrame, socket: WebSocket) => void;
  send(socket: WebSocket, frame: RepServerFrame): void;
  broadcast(frame: RepServerFrame): void;
  waitFor<T>(check: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function startFakeHub(): Promise<FakeHub> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws/rep' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;

  const hub: FakeHub = {
    url: `ws://127.0.0.1:${port}/ws/rep`,
    received: [],
    connections: 0,
    sockets: new Set(),
    onFrame: () => {},
    send(socket, frame) {
      socket.send(JSON.stringify(frame));
    },
    broadcast(frame) {
      for (const socket of hub.sockets) hub.send(socket, frame);
    },
    async waitFor(check, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = check();
        if (value) return value;
        if (Date.now() > deadline) throw new Error('fake hub: condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      for (const socket of hub.sockets) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  server.on('connection', (socket) => {
    hub.connections++;
    hub.sockets.add(socket);
    socket.on('close', () => hub.sockets.delete(socket));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as RepClientFrame;
      hub.received.push(frame);
      hub.onFrame(frame, socket);
    });
  });
  return hub;
}

/** The `ws` client speaks the same EventTarget API the worker's WebSocket does. */
export const nodeSocket: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike;

export const REP = { id: 'rep-anna', name: 'Anna', email: 'anna@demo.parley.test', role: 'rep', mode: 'rep', status: 'online' } as const;

/** A conversation as the hub would send it to REP: folder and access decided for that viewer. */
export function conversation(
  id: string,
  status: 'pending' | 'active' | 'closed' | 'archived',
  ownerId: string | null = null,
  extra: Partial<Conversation> = {},
): Conversation {
  const access: Access = ownerId === REP.id ? 'owner' : status === 'pending' ? 'offered' : 'none';
  return {
    id,
    chatId: 'chat-1',
    chatName: 'Demo shop',
    channel: 'web',
    visitorId: `visitor-${id}`,
    visitorName: null,
    visitorEmail: null,
    status,
    ownerId,
    ownerName: ownerId ? 'Anna' : null,
    queueId: 'queue-1',
    queueName: 'Sales',
    offeredTo: status === 'pending' ? [REP.id] : [],
    closedReason: null,
    folder: access === 'none' ? 'none' : status,
    access,
    createdAt: '2025-01-01T10:00:00.000Z',
    lastMessageAt: '2025-01-01T10:00:00.000Z',
    lastMessagePreview: 'Hello',
    ...extra,
  };
}

export function message(id: string, conversationId: string, clientId: string | null = null) {
  return {
    id,
    conversationId,
    clientId,
    author: clientId ? ('rep' as const) : ('visitor' as const),
    authorName: clientId ? 'Anna' : null,
    repId: clientId ? REP.id : null,
    text: `text of ${id}`,
    pageUrl: clientId ? null : 'https://shop.example/cart',
    createdAt: '2025-01-01T10:00:01.000Z',
  };
}

/** Wraps a payload as a hub event with the given id. */
export function event<K extends 'conversation.opened' | 'conversation.updated' | 'message.created'>(
  id: number,
  kind: K,
  payload: K extends 'message.created' ? { message: ReturnType<typeof message> } : { conversation: Conversation },
) {
  return { id, at: '2025-01-01T10:00:00.000Z', chatId: 'chat-1', kind, ...payload } as Extract<
    import('../../protocol').HubEvent,
    { kind: K }
  >;
}
