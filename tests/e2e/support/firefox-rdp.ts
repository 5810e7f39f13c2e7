import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';

/**
 * A minimal client of Firefox's remote debugging protocol (the one about:debugging and web-ext
 * speak): length-prefixed JSON packets over TCP, requests answered in order per actor, and events.
 * web-ext's own client is not exported and drops events it does not know, among them the
 * `evaluationResult` every evaluation answers with, so the Firefox smoke has this one.
 */
export interface RdpPacket {
  from: string;
  type?: string;
  error?: string;
  message?: string;
  [key: string]: unknown;
}

/** Packets that are events, never the answer to a request (devtools/shared/specs). */
const EVENTS = new Set([
  'evaluationResult',
  'target-available-form',
  'target-destroyed-form',
  'resources-available-array',
  'resources-updated-array',
  'resources-destroyed-array',
  'descriptor-destroyed',
  'addonListChanged',
  'tabListChanged',
  'workerListChanged',
  'serviceWorkerRegistrationListChanged',
  'processListChanged',
  'frameUpdate',
  'tabNavigated',
]);

export interface RdpClient {
  /** Sends a request to `to` and resolves with its answer; rejects with the protocol's error. */
  request(to: string, type: string, extra?: Record<string, unknown>): Promise<RdpPacket>;
  /** Every event packet, as it arrives. */
  onEvent(listener: (packet: RdpPacket) => void): void;
  close(): void;
}

export async function connectRdp(port: number): Promise<RdpClient> {
  const socket: Socket = connect(port, '127.0.0.1');
  const events = new EventEmitter();
  const pending = new Map<string, { resolve(p: RdpPacket): void; reject(e: Error): void }[]>();
  let greeted!: () => void;
  const greeting = new Promise<void>((resolve) => (greeted = resolve));
  let buffer = Buffer.alloc(0);

  const failAll = (error: Error) => {
    for (const queue of pending.values()) for (const waiter of queue) waiter.reject(error);
    pending.clear();
  };
  const handle = (packet: RdpPacket) => {
    if (packet.from === 'root' && 'applicationType' in packet) return greeted();
    if (packet.type && EVENTS.has(packet.type)) return void events.emit('event', packet);
    const waiter = pending.get(packet.from)?.shift();
    if (!waiter) return;
    if (packet.error) waiter.reject(new Error(`Firefox RDP ${packet.error}: ${packet.message ?? ''}`));
    else waiter.resolve(packet);
  };

  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const colon = buffer.indexOf(0x3a); // ':' after the byte length
      if (colon < 0) return;
      const length = Number(buffer.subarray(0, colon).toString());
      if (buffer.length < colon + 1 + length) return;
      const body = buffer.subarray(colon + 1, colon + 1 + length).toString();
      buffer = buffer.subarray(colon + 1 + length);
      handle(JSON.parse(body) as RdpPacket);
    }
  });
  socket.on('close', () => failAll(new Error('Firefox RDP connection closed')));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.on('error', (error) => failAll(error));
  await greeting;

  return {
    request(to, type, extra = {}) {
      return new Promise((resolve, reject) => {
        const queue = pending.get(to) ?? [];
        queue.push({ resolve, reject });
        pending.set(to, queue);
        const json = JSON.stringify({ to, type, ...extra });
        socket.write(`${Buffer.byteLength(json)}:${json}`);
      });
    },
    onEvent: (listener) => void events.on('event', listener),
    close: () => socket.destroy(),
  };
}
