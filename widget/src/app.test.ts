// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import type { VisitorClientFrame, VisitorServerFrame } from '#protocol/visitor';
import { PROTOCOL_VERSION } from '#protocol/version';
import { startWidget, type WidgetOptions } from './app';
import { MemoryStorage } from './storage';

/**
 * The whole widget against a scripted stand-in hub: `onHello` decides what each connection gets;
 * every client frame is recorded per connection.
 */
async function setup(onHello: (ws: NodeWebSocket, n: number) => void, extra: Partial<WidgetOptions> = {}) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  const conns: VisitorClientFrame[][] = [];
  const sockets: NodeWebSocket[] = [];
  server.on('connection', (ws) => {
    const frames: VisitorClientFrame[] = [];
    conns.push(frames);
    sockets.push(ws);
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as VisitorClientFrame;
      frames.push(f);
      if (f.type === 'hello') onHello(ws, conns.length);
    });
  });
  await new Promise((r) => server.on('listening', r));
  const port = (server.address() as { port: number }).port;
  const host = document.createElement('parley-widget');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const storage = new MemoryStorage();
  const stop = startWidget({
    hubOrigin: `http://127.0.0.1:${port}`,
    chatKey: 'demo-shop',
    lang: 'en',
    storage,
    shadow,
    WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket,
    blockNoticeMs: 100,
    ...extra,
  });
  cleanup.push(
    stop,
    () => new Promise((r) => server.close(r)),
    () => sockets.forEach((s) => s.terminate()),
    () => host.remove(),
  );
  const q = <T extends HTMLElement = HTMLElement>(sel: string) => shadow.querySelector(sel) as T;
  return { conns, sockets, q, storage };
}

const send = (ws: NodeWebSocket, f: VisitorServerFrame) => ws.send(JSON.stringify(f));
const welcome = (over: Partial<Extract<VisitorServerFrame, { type: 'welcome' }>> = {}): VisitorServerFrame => ({
  type: 'welcome',
  v: PROTOCOL_VERSION,
  visitorId: 'v_1',
  conversationId: null,
  messages: [],
  availability: 'open',
  queue: null,
  ...over,
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

describe('widget', () => {
  it('outside hours: the offline form sends identify, then the message, and thanks the visitor', async () => {
    const { conns, q } = await setup((ws) => send(ws, welcome({ availability: 'closed' })));
    await until(() => q('form.offline') !== null);
    q<HTMLInputElement>('#parley-offline-email').value = ' Ana@Example.test ';
    q<HTMLTextAreaElement>('#parley-offline-message').value = 'Do you ship to Brno?';
    q<HTMLFormElement>('form.offline').dispatchEvent(new Event('submit', { cancelable: true }));
    await until(() => conns[0].length === 3);
    expect(conns[0].map((f) => f.type)).toEqual(['hello', 'identify', 'send']);
    expect(conns[0][1]).toEqual({ type: 'identify', email: 'ana@example.test' });
    expect(conns[0][2]).toMatchObject({ type: 'send', text: 'Do you ship to Brno?' });
    expect(q('.thanks')).not.toBeNull();
    expect(q('.log').textContent).toContain('Do you ship to Brno?'); // the thread stays, pending
  });

  it('an offline message typed while disconnected goes out, after the email, on the next welcome', async () => {
    const { conns, sockets, q } = await setup((ws, n) => {
      if (n === 1) send(ws, welcome({ availability: 'closed' }));
    });
    await until(() => q('form.offline') !== null);
    sockets[0].close();
    await until(() => q('.notice').textContent === 'Reconnecting…');
    q<HTMLInputElement>('#parley-offline-email').value = 'ana@example.test';
    q<HTMLTextAreaElement>('#parley-offline-message').value = 'Still there?';
    q<HTMLFormElement>('form.offline').dispatchEvent(new Event('submit', { cancelable: true }));
    expect(q('.thanks')).not.toBeNull();
    await until(() => conns.length === 2);
    send(sockets[1], welcome({ availability: 'closed' }));
    await until(() => conns[1].length === 3);
    expect(conns[1].map((f) => f.type)).toEqual(['hello', 'identify', 'send']);
  });

  it('keeps the credential the hub mints and presents it in every later hello, never a visitor id of its own', async () => {
    const token = 'T'.repeat(43);
    const { conns, sockets, storage } = await setup((ws, n) => send(ws, welcome(n === 1 ? { token } : {})));
    await until(() => storage.getItem('parley.visitor.demo-shop') === token);
    expect(conns[0][0]).toEqual({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop', lang: 'en' });
    sockets[0].close();
    await until(() => conns.length === 2 && conns[1].length > 0);
    expect(conns[1][0]).toEqual({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop', token, lang: 'en' });
  });

  it("sends the page's signed-in customer in every hello, and drops a malformed claim with a warning (issue 14)", async () => {
    const identity = { email: 'maria.bianchi@example.com', hash: 'ab'.repeat(32) };
    const signed = await setup((ws) => send(ws, welcome()), { identity });
    await until(() => signed.conns.length === 1 && signed.conns[0].length > 0);
    expect(signed.conns[0][0]).toMatchObject({ type: 'hello', identity });
    signed.sockets[0].close();
    await until(() => signed.conns.length === 2 && signed.conns[1].length > 0);
    expect(signed.conns[1][0]).toMatchObject({ type: 'hello', identity });

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const bad = await setup((ws) => send(ws, welcome()), { identity: { ...identity, hash: 'not-a-hash' } });
    await until(() => bad.conns.length === 1 && bad.conns[0].length > 0);
    expect(bad.conns[0][0]).not.toHaveProperty('identity');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('data-user-hash ignored'));
    warn.mockRestore();
  });

  it('shows queue and ended from live frames', async () => {
    const { sockets, q } = await setup((ws) =>
      send(ws, welcome({ conversationId: 'conv-1', queue: { position: 2, expectedWaitMs: 90_000 } })),
    );
    await until(() => q('.queue').textContent !== '');
    expect(q('.queue').textContent).toBe('You are number 2 in the queue. Expected wait: about 2 min.');
    send(sockets[0], { type: 'queue', queue: null });
    await until(() => q('.queue').textContent === '');
    send(sockets[0], { type: 'ended', reason: 'ended' });
    await until(() => q('.notice').textContent === 'The conversation has ended.');
    expect(q('form.composer')).not.toBeNull();
  });

  it('remembers for the loader that this browser has a conversation, from the first send until a welcome says there is none', async () => {
    const { conns, sockets, q, storage } = await setup((ws, n) =>
      send(ws, welcome(n === 2 ? { conversationId: null } : {})),
    );
    await until(() => q('.notice').textContent === '');
    expect(storage.getItem('parley.conversation.demo-shop')).toBeNull();
    q<HTMLTextAreaElement>('#parley-message').value = 'Hi';
    q<HTMLFormElement>('form.composer').dispatchEvent(new Event('submit', { cancelable: true }));
    expect(storage.getItem('parley.conversation.demo-shop')).toBe('new');
    await until(() => conns[0].some((f) => f.type === 'send'));
    const sent = conns[0].find((f) => f.type === 'send') as Extract<VisitorClientFrame, { type: 'send' }>;
    send(sockets[0], { type: 'ack', clientId: sent.clientId, messageId: 'm-1' });
    await until(() => q('.state') === null);
    sockets[0].close(); // the hub has since closed the conversation: the next welcome has none
    await until(() => conns.length === 2 && storage.getItem('parley.conversation.demo-shop') === null);
  });

  it("says its language in hello; shows the bot's buttons as a labelled group, sends the choice, and drops them when told", async () => {
    const { conns, sockets, q } = await setup((ws) => send(ws, welcome({ conversationId: 'conv-1' })));
    await until(() => conns[0]?.length === 1);
    expect(conns[0][0]).toMatchObject({ type: 'hello', lang: 'en' });
    send(sockets[0], {
      type: 'message',
      message: {
        id: 'm-bot',
        clientId: null,
        author: 'system',
        authorName: 'Assistant',
        text: 'Are you already a customer?',
        createdAt: new Date().toISOString(),
      },
    });
    send(sockets[0], {
      type: 'bot',
      choices: [
        { id: 'yes', label: 'Yes, I am' },
        { id: 'no', label: 'No, not yet' },
        { id: 'person', label: 'Talk to a person' },
      ],
    });
    await until(() => q('.bot-choices button') !== null);
    const group = q('.bot-choices');
    expect(group.getAttribute('role')).toBe('group');
    expect(group.getAttribute('aria-label')).toBe('Quick answers');
    expect([...group.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      'Yes, I am',
      'No, not yet',
      'Talk to a person',
    ]);
    expect(q('.msg.bot .who').textContent).toBe('Assistant');
    q<HTMLButtonElement>('.bot-choices [data-choice="no"]').click();
    await until(() => conns[0].some((f) => f.type === 'botChoice'));
    expect(conns[0].find((f) => f.type === 'botChoice')).toMatchObject({ type: 'botChoice', choice: 'no' });
    expect(q<HTMLButtonElement>('.bot-choices button').disabled).toBe(true);
    send(sockets[0], { type: 'bot', choices: [] });
    await until(() => q('.bot-choices').hidden);
  });

  it('pre-chat details: name and email go out together in identify, and again after a reconnect until confirmed', async () => {
    const { conns, sockets, q } = await setup((ws) => send(ws, welcome()));
    await until(() => q('.notice').textContent === '');
    expect(q('label[for="parley-name"]').textContent).toBe('Your name (optional)');
    q<HTMLInputElement>('#parley-name').value = '  Ana Novak ';
    q<HTMLInputElement>('#parley-email').value = 'Ana@Example.test';
    q<HTMLFormElement>('form.email').dispatchEvent(new Event('submit', { cancelable: true }));
    await until(() => conns[0].some((f) => f.type === 'identify'));
    expect(conns[0].find((f) => f.type === 'identify')).toEqual({
      type: 'identify',
      email: 'ana@example.test',
      name: 'Ana Novak',
    });
    sockets[0].close();
    await until(() => conns.length === 2 && conns[1].some((f) => f.type === 'identify'));
    expect(conns[1].find((f) => f.type === 'identify')).toEqual({
      type: 'identify',
      email: 'ana@example.test',
      name: 'Ana Novak',
    });
  });

  it('pre-chat details: a name alone is enough; confirmed, it is remembered and no longer sent', async () => {
    const { conns, sockets, q, storage } = await setup((ws) => send(ws, welcome()));
    await until(() => q('.notice').textContent === '');
    q<HTMLInputElement>('#parley-name').value = ' Ana ';
    q<HTMLFormElement>('form.email').dispatchEvent(new Event('submit', { cancelable: true }));
    await until(() => conns[0].some((f) => f.type === 'identify'));
    expect(conns[0].find((f) => f.type === 'identify')).toEqual({ type: 'identify', name: 'Ana' });
    expect(q('#parley-email').getAttribute('aria-invalid')).toBe('false');
    send(sockets[0], { type: 'identified', name: 'Ana' });
    await until(() => q('#parley-email-hint').textContent === 'Thanks, Ana!');
    // Saved: the form folds to that line and a button to change it, out of the conversation's way.
    expect(q('form.email .fields').hidden).toBe(true);
    expect(q<HTMLButtonElement>('form.email button.change').hidden).toBe(false);
    q<HTMLButtonElement>('form.email button.change').click();
    expect(q('form.email .fields').hidden).toBe(false);
    expect(q<HTMLInputElement>('#parley-name').value.trim()).toBe('Ana');
    expect(storage.getItem('parley.name.demo-shop')).toBe('Ana');
    expect(storage.getItem('parley.namePending.demo-shop')).toBeNull();
    sockets[0].close();
    await until(() => conns.length === 2 && conns[1].length > 0);
    await new Promise((r) => setTimeout(r, 200));
    expect(conns[1].map((f) => f.type)).toEqual(['hello']); // confirmed: not sent again
  });

  it('pre-chat details: nothing given, or a bad email, is refused beside the form and nothing is sent', async () => {
    const { conns, q } = await setup((ws) => send(ws, welcome()));
    await until(() => q('.notice').textContent === '');
    const submit = () => q<HTMLFormElement>('form.email').dispatchEvent(new Event('submit', { cancelable: true }));
    submit();
    expect(q('.error').textContent).toBe('Please enter your name or your email.');
    q<HTMLInputElement>('#parley-name').value = 'Ana';
    q<HTMLInputElement>('#parley-email').value = 'not-an-email';
    submit();
    expect(q('.error').textContent).toBe('Please enter a valid email address.');
    expect(q('#parley-email').getAttribute('aria-invalid')).toBe('true');
    await new Promise((r) => setTimeout(r, 100));
    expect(conns[0].some((f) => f.type === 'identify')).toBe(false);
  });

  it('blocked instead of a welcome: hidden at once, and no reconnecting', async () => {
    const { conns, q } = await setup((ws) => {
      send(ws, { type: 'ended', reason: 'blocked' });
      ws.close();
    });
    await until(() => q('.root').hidden);
    await new Promise((r) => setTimeout(r, 800));
    expect(conns).toHaveLength(1);
  });

  it('blocked with the panel open: the notice first, then hidden', async () => {
    const { sockets, q } = await setup((ws) => send(ws, welcome()));
    await until(() => q('.notice').textContent === '');
    q<HTMLButtonElement>('.launcher').click();
    send(sockets[0], { type: 'ended', reason: 'blocked' });
    await until(() => q('.notice').textContent === 'This conversation has been suspended.');
    expect(q('.root').hidden).toBe(false);
    expect(q('form.composer')).toBeNull();
    await until(() => q('.root').hidden);
  });
});
