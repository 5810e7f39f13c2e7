import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';
import type { RepClientFrame, RepServerFrame } from '#protocol';
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

// The hub's data as tests script it; kept apart so the component tests in Chromium load it without `ws`.
export { conversation, event, message, REP } from './hub-data.testing';
