// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import { SNEAK_PEEK } from '#protocol/sneak-peek';
import type { VisitorClientFrame, VisitorServerFrame } from '#protocol/visitor';
import { PROTOCOL_VERSION } from '#protocol/version';
import { startWidget } from './app';
import { MemoryStorage } from './storage';

/** Sneak peek and "typing…" through the whole widget, against a scripted stand-in hub. */
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function setup(features: { sneakPeek: boolean }) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  const frames: VisitorClientFrame[] = [];
  let socket: NodeWebSocket | null = null;
  const send = (f: VisitorServerFrame) => socket?.send(JSON.stringify(f));
  server.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as VisitorClientFrame;
      frames.push(f);
      if (f.type === 'hello') {
        send({
          type: 'welcome',
          v: PROTOCOL_VERSION,
          visitorId: 'v_1',
          conversationId: 'c_1',
          messages: [],
          availability: 'open',
          queue: null,
        });
        send({ type: 'features', fileMaxBytes: 1_000_000, trackQuery: false, ...features });
      }
    });
  });
  await new Promise((r) => server.on('listening', r));
  const host = document.createElement('parley-widget');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const stop = startWidget({
    hubOrigin: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    chatKey: 'demo-shop',
    lang: 'en',
    storage: new MemoryStorage(),
    shadow,
    WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket,
  });
  cleanup.push(
    stop,
    () => socket?.terminate(),
    () => new Promise((r) => server.close(r)),
    () => host.remove(),
  );
  const q = <T extends HTMLElement = HTMLElement>(sel: string) => shadow.querySelector(sel) as T;
  await until(() => frames.some((f) => f.type === 'hello'));
  await new Promise((r) => setTimeout(r, 100)); // welcome and features applied
  const type = (text: string) => {
    const box = q<HTMLTextAreaElement>('#parley-message');
    box.value = text;
    box.dispatchEvent(new Event('input'));
  };
  return { frames, send, q, type };
}

describe('widget sneak peek and typing', () => {
  it('sends the draft once typing pauses while the chat allows it, and "typing…" follows the rep', async () => {
    const { frames, send, q, type } = await setup({ sneakPeek: true });
    type('Do you ship');
    await until(() => frames.some((f) => f.type === 'draft'));
    expect(frames.filter((f) => f.type === 'draft')).toEqual([{ type: 'draft', text: 'Do you ship' }]);
    send({ type: 'typing', typing: true });
    await until(() => q('.typing').textContent === 'typing…');
    send({
      type: 'message',
      message: {
        id: 'm_1',
        clientId: null,
        author: 'rep',
        authorName: 'Anna',
        text: 'Yes',
        createdAt: new Date().toISOString(),
      },
    });
    await until(() => q('.typing').textContent === '');
  });

  it('sends no draft when the chat has sneak peek off, and stops when the hub says so mid-way', async () => {
    const { frames, send, type } = await setup({ sneakPeek: false });
    type('my card number');
    await new Promise((r) => setTimeout(r, SNEAK_PEEK.draftDebounceMs * 3));
    expect(frames.filter((f) => f.type === 'draft')).toEqual([]);
    send({ type: 'features', sneakPeek: true, fileMaxBytes: 1_000_000, trackQuery: false });
    await new Promise((r) => setTimeout(r, 50));
    type('hello');
    await until(() => frames.some((f) => f.type === 'draft'));
    send({ type: 'features', sneakPeek: false, fileMaxBytes: 1_000_000, trackQuery: false });
    await new Promise((r) => setTimeout(r, 50));
    type('private again');
    await new Promise((r) => setTimeout(r, SNEAK_PEEK.draftDebounceMs * 3));
    expect(frames.filter((f) => f.type === 'draft')).toEqual([{ type: 'draft', text: 'hello' }]);
  });
});
