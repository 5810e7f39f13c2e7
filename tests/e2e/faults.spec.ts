import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import {
  extensionThread,
  repReply,
  selectedConversation,
  storeReply,
  visitorSend,
  widgetThread,
} from './support/chat-drivers';
import { killAndRestartHub, launchExtensionContext, ServiceWorkerControl } from './support/faults';
import { extensionUrl, signIn } from './support/helpers';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

/**
 * FEATURES I5 / D8 under fault injection (issue 8). Everything goes through a loopback TCP proxy in
 * front of the hub (the reps sign in with its URL, the shop is loaded from it), so the network can
 * be cut or silently held; service workers are stopped through CDP; the hub is SIGKILLed.
 *
 * "A visitor and two reps": one conversation, three senders. Anna takes it (owner, her Reply box);
 * Alex is the super user in his own browser profile, who sees every conversation and whom the hub
 * lets reply in one Anna owns. So every side must hold the whole three-way thread.
 */

const ANNA = 'anna@demo.parley.test';
const ALEX = 'alex@demo.parley.test';
const CONNECTED = 'Connection: Connected';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function widget(shop: Page) {
  return {
    launcher: shop.getByRole('button', { name: 'Chat with us' }),
    log: shop.getByRole('log', { name: 'Conversation' }),
    // The connection notice (the queue line is a second status region).
    status: shop.locator('parley-widget').locator('p.notice[role=status]'),
  };
}

/** Shop on the proxy; the visitor opens the chat and writes the first line. */
async function openShop(context: BrowserContext, proxy: TcpProxy, first: string): Promise<Page> {
  const shop = await context.newPage();
  await shop.goto(`${proxy.url}/demo/shop.html`);
  await widget(shop).launcher.click();
  await visitorSend(shop, [first]);
  await expect(widget(shop).log.getByText(first, { exact: true })).toBeVisible();
  return shop;
}

async function openPanel(context: BrowserContext, extensionId: string): Promise<Page> {
  const panel = await context.newPage();
  await panel.goto(extensionUrl(extensionId, 'sidepanel.html'));
  await expect(panel.getByRole('status')).toHaveText(CONNECTED, { timeout: 15_000 });
  return panel;
}

/** What a stuck run looks like from the side panel and the widget. */
async function diagnose(when: string, panel: Page, shop: Page, conversationId: string): Promise<string> {
  const conversation = await panel.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((ok) =>
      Object.assign(indexedDB.open('parley'), { onsuccess: (e: any) => ok(e.target.result) }),
    );
    return new Promise((ok) =>
      Object.assign(db.transaction('conversations').objectStore('conversations').get(id), {
        onsuccess: (e: any) => ok(e.target.result),
      }),
    );
  }, conversationId);
  const composer = await panel.locator('#reply-text').count();
  return `stuck in ${when}: Anna's composer shown ${composer}, her copy of the conversation ${JSON.stringify(conversation)}, widget ${await widgetThread(shop).then((w) => w.pending)} pending`;
}

const label = (prefix: string, i: number) => `${prefix}-${String(i).padStart(4, '0')}`;

test('a visitor and two reps exchange 1,000+ messages through every fault; each side ends with each message once, in order', async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(420_000);
  const started = Date.now();
  const proxy = await startTcpProxy(hub.port);
  const alex = await launchExtensionContext();
  try {
    await signIn(page, extensionId, proxy.url, ANNA);
    await signIn(await alex.context.newPage(), alex.extensionId, proxy.url, ALEX);

    const shop = await openShop(context, proxy, 'v-0000');
    const annaPanel = await openPanel(context, extensionId);
    await annaPanel
      .getByRole('region', { name: 'Pending' })
      .getByRole('button', { name: /v-0000/ })
      .click();
    await annaPanel.getByRole('button', { name: 'Take' }).click();
    await expect(annaPanel.getByText('Active with Anna Rossi')).toBeVisible();
    const conversationId = await selectedConversation(annaPanel);
    const alexPanel = await openPanel(alex.context, alex.extensionId);
    await alexPanel
      .getByRole('region', { name: 'Active' })
      .getByRole('button', { name: /v-0000/ })
      .click();
    await expect(alexPanel.getByText('Active with Anna Rossi')).toBeVisible();

    const annaSw = await ServiceWorkerControl.attach(context, annaPanel);
    const alexSw = await ServiceWorkerControl.attach(alex.context, alexPanel);

    // Each round: all three type a batch at once, and one fault hits while they type.
    const FAULTS = ['sw-stop', 'hub-kill', 'proxy-cut', 'proxy-hold'] as const;
    const ROUNDS = 12; // each fault type 3×
    const PER_ROUND = 28; // per sender: 3 × 12 × 28 = 1,008 messages, plus the visitor's first line
    const injected: Record<string, number> = Object.fromEntries(FAULTS.map((f) => [f, 0]));
    const sent = { v: ['v-0000'], a: [] as string[], x: [] as string[] };
    let retries = 0;
    const acceptedBefore = proxy.accepted;

    for (let round = 0; round < ROUNDS; round++) {
      const batch = (p: 'v' | 'a' | 'x') =>
        Array.from({ length: PER_ROUND }, (_, i) => label(p, round * PER_ROUND + i + 1));
      const [v, a, x] = [batch('v'), batch('a'), batch('x')];
      sent.v.push(...v);
      sent.a.push(...a);
      sent.x.push(...x);
      const typing = Promise.all([visitorSend(shop, v), repReply(annaPanel, a), storeReply(alexPanel, x)]);
      await sleep(200 + ((round * 137) % 400)); // mid-batch, at a different point each round
      const fault = FAULTS[round % FAULTS.length];
      injected[fault]++;
      if (fault === 'sw-stop') {
        // Both reps' workers die; the panel's next message to the worker (a reply) wakes it.
        await Promise.all([annaSw.stop(), alexSw.stop()]);
      } else if (fault === 'hub-kill') {
        await killAndRestartHub(hub);
      } else if (fault === 'proxy-cut') {
        proxy.cutAll();
        await sleep(300);
        proxy.cutAll(); // and again while they reconnect
      } else {
        await proxy.hold(3_000); // short: bytes wait in the proxy, nobody gives up
      }
      // A batch that has not gone out after 45 s is stuck: fail now and say where, not at the timeout.
      let stuck: ReturnType<typeof setTimeout> | undefined;
      const giveUp = new Promise<never>((_, fail) => {
        stuck = setTimeout(
          () =>
            void diagnose(`round ${round + 1} (${fault})`, annaPanel, shop, conversationId).then(
              (d) => fail(new Error(d)),
              fail,
            ),
          45_000,
        );
      });
      const [, annaResubmits, alexRetries] = await Promise.race([typing, giveUp]);
      clearTimeout(stuck);
      console.log(`round ${round + 1}: ${fault} done at ${Math.round((Date.now() - started) / 1000)} s`);
      retries += annaResubmits + alexRetries;
    }

    // Everything settles: both workers online, the widget online, nothing pending anywhere.
    // The outbox sends one reply at a time, each waiting for its ack; after the last fault several
    // hundred may still be queued, and under load they take a while to drain.
    const settle = { timeout: 180_000 };
    await expect(annaPanel.getByRole('status')).toHaveText(CONNECTED, settle);
    await expect(alexPanel.getByRole('status')).toHaveText(CONNECTED, settle);
    await expect(widget(shop).status).toBeHidden(settle);
    const total = sent.v.length + sent.a.length + sent.x.length;
    const isOurs = (t: string) => /^[vax]-\d{4}$/.test(t);
    const sides = {
      widget: async () => (await widgetThread(shop)).texts.filter(isOurs),
      anna: async () => (await extensionThread(annaPanel, conversationId)).texts.filter(isOurs),
      alex: async () => (await extensionThread(alexPanel, conversationId)).texts.filter(isOurs),
    };
    for (const read of Object.values(sides))
      await expect.poll(async () => (await read()).length, settle).toBeGreaterThanOrEqual(total);
    await expect.poll(async () => (await widgetThread(shop)).pending, settle).toBe(0);
    for (const p of [annaPanel, alexPanel])
      await expect.poll(async () => (await extensionThread(p, conversationId)).outbox, settle).toBe(0);

    // Exactly once, in each sender's order, and the same interleaving on every side.
    const threads = { widget: await sides.widget(), anna: await sides.anna(), alex: await sides.alex() };
    for (const [side, texts] of Object.entries(threads)) {
      expect(texts.length, `${side}: message count`).toBe(total);
      expect(new Set(texts).size, `${side}: duplicates`).toBe(total);
      for (const [p, want] of Object.entries(sent))
        expect(
          texts.filter((t) => t.startsWith(`${p}-`)),
          `${side}: ${p} order`,
        ).toEqual(want);
    }
    expect(threads.widget, 'widget vs Anna').toEqual(threads.anna);
    expect(threads.alex, 'Alex vs Anna').toEqual(threads.anna);
    // And the panels' message lists hold them all (virtualized: the rows in view say how many there are).
    for (const p of [annaPanel, alexPanel])
      expect((await extensionThread(p, conversationId)).rendered).toBeGreaterThanOrEqual(total);

    console.log(
      `faults e2e: ${total} messages (visitor ${sent.v.length}, Anna ${sent.a.length}, Alex ${sent.x.length}); ` +
        `faults ${JSON.stringify(injected)}; worker stops ${annaSw.stops + alexSw.stops}, wakes ${annaSw.wakes + alexSw.wakes}; ` +
        `reconnects through the proxy ${proxy.accepted - acceptedBefore}; resent after a dead worker call ${retries}; ` +
        `${Math.round((Date.now() - started) / 1000)} s`,
    );
  } finally {
    await alex.dispose();
    await proxy.close();
  }
});

test('a silently dead network is noticed within the 45 s heartbeat by the extension, the widget and the hub; nothing is lost', async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(150_000);
  const proxy = await startTcpProxy(hub.port);
  try {
    await signIn(page, extensionId, proxy.url, ANNA);
    const shop = await openShop(context, proxy, 'before the drop');
    const panel = await openPanel(context, extensionId);
    await panel
      .getByRole('region', { name: 'Pending' })
      .getByRole('button', { name: /before the drop/ })
      .click();
    await panel.getByRole('button', { name: 'Take' }).click();
    await expect(panel.getByText('Active with Anna Rossi')).toBeVisible();
    const messages = panel.getByRole('list', { name: 'Messages' });
    const w = widget(shop);

    // The route dies without a FIN or RST: sockets stay open, nothing arrives, closes are not passed on.
    // The extension's and the widget's sockets (idle HTTP keep-alive connections end on their own timer).
    const held = proxy.openIds('websocket');
    expect(held.length, 'the extension and the widget each hold a socket').toBeGreaterThanOrEqual(2);
    proxy.holdOn();
    const t0 = Date.now();
    // Both type into the dead link; the lines wait in the outboxes (the bytes die in the proxy).
    await visitorSend(shop, ['typed into the void']);
    await repReply(panel, ['answered into the void']);

    const limit = { timeout: 60_000 };
    const seconds = () => (Date.now() - t0) / 1000;
    const [extension, visitor, hubSide] = await Promise.all([
      expect(panel.getByRole('status')).not.toHaveText(CONNECTED, limit).then(seconds),
      expect(w.status).toBeVisible(limit).then(seconds),
      // The hub terminates silent sockets; the proxy sees its end of each held connection close.
      expect
        .poll(() => held.every((id) => proxy.closes.some((c) => c.side === 'hub' && c.id === id)), {
          ...limit,
          intervals: [250],
        })
        .toBe(true)
        .then(seconds),
    ]);
    console.log(
      `heartbeat e2e: dead link noticed after ${extension.toFixed(1)} s (extension), ${visitor.toFixed(1)} s (widget), ${hubSide.toFixed(1)} s (hub, ${held.length} sockets)`,
    );
    // 45 s is the protocol's HEARTBEAT_TIMEOUT_SECONDS; the margin covers the polling here.
    for (const [side, s] of Object.entries({ extension, widget: visitor, hub: hubSide }))
      expect(s, `${side} noticed the dead link`).toBeLessThanOrEqual(47);

    // The route comes back: both reconnect by themselves, resend their outboxes, nothing twice.
    proxy.holdOff();
    await expect(panel.getByRole('status')).toHaveText(CONNECTED, { timeout: 30_000 });
    await expect(w.status).toBeHidden({ timeout: 30_000 });
    await visitorSend(shop, ['after the drop']);
    // Each line once; the two typed offline may land in either order (whoever reconnects first).
    const offline = ['typed into the void', 'answered into the void'];
    const ours = new RegExp(`^(before the drop|${offline.join('|')}|after the drop)$`);
    const widgetLines = async () => (await widgetThread(shop)).texts.filter((t) => ours.test(t));
    await expect.poll(async () => (await widgetLines()).length, { timeout: 20_000 }).toBe(4);
    const seen = await widgetLines();
    expect([seen[0], [...seen.slice(1, 3)].sort(), seen[3]]).toEqual([
      'before the drop',
      [...offline].sort(),
      'after the drop',
    ]);
    await expect(messages.locator('.message-text')).toHaveText(seen, { timeout: 20_000 });
    await expect(messages.getByText('sending…')).toHaveCount(0);
  } finally {
    await proxy.close();
  }
});
