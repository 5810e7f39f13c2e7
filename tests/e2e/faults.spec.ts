import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { repReply, visitorSend, widgetThread } from './support/chat-drivers';
import { extensionUrl, signIn } from './support/helpers';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

/**
 * SPEC I5 / D8 under fault injection (issue 8). Everything goes through a loopback TCP proxy in
 * front of the hub (the reps sign in with its URL, the shop is loaded from it), so the network can
 * be cut or silently held; service workers are stopped through CDP; the hub is SIGKILLed.
 *
 * The 1,000-message run with every fault (service worker stopped, hub killed, connections cut or
 * held) is not in this file yet: it passes all its faults but its final exactly-once check does not
 * pass (see the closing note of issue 8). Its drivers stay in support/ for it.
 */

const ANNA = 'anna@demo.parley.test';
const CONNECTED = 'Connection: Connected';

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


test('a silently dead network is noticed within the 45 s heartbeat by the extension, the widget and the hub; nothing is lost', async ({ context, hub, extensionId, page }) => {
  test.setTimeout(150_000);
  const proxy = await startTcpProxy(hub.port);
  try {
    await signIn(page, extensionId, proxy.url, ANNA);
    const shop = await openShop(context, proxy, 'before the drop');
    const panel = await openPanel(context, extensionId);
    await panel.getByRole('region', { name: 'Pending' }).getByRole('button', { name: /before the drop/ }).click();
    await panel.getByRole('button', { name: 'Take' }).click();
    await expect(panel.getByText('Active with Anna Rossi')).toBeVisible();
    const messages = panel.getByRole('list', { name: 'Messages' });
    const w = widget(shop);

    // The route dies without a FIN or RST: sockets stay open, nothing arrives, closes are not passed on.
    const held = proxy.openIds();
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
      expect.poll(() => held.every((id) => proxy.closes.some((c) => c.side === 'hub' && c.id === id)), { ...limit, intervals: [250] }).toBe(true).then(seconds),
    ]);
    console.log(`heartbeat e2e: dead link noticed after ${extension.toFixed(1)} s (extension), ${visitor.toFixed(1)} s (widget), ${hubSide.toFixed(1)} s (hub, ${held.length} sockets)`);
    // 45 s is the protocol's HEARTBEAT_TIMEOUT_SECONDS; the margin covers the polling here.
    for (const [side, s] of Object.entries({ extension, widget: visitor, hub: hubSide })) expect(s, `${side} noticed the dead link`).toBeLessThanOrEqual(47);

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
    expect([seen[0], [...seen.slice(1, 3)].sort(), seen[3]]).toEqual(['before the drop', [...offline].sort(), 'after the drop']);
    await expect(messages.locator('.message-text')).toHaveText(seen, { timeout: 20_000 });
    await expect(messages.getByText('sending…')).toHaveCount(0);
  } finally {
    await proxy.close();
  }
});
