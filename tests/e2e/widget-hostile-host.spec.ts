import { chromium } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { CHROMIUM, expect, test } from './support/fixtures';
import { servePages } from './support/page-server';
import { connectRep } from './support/rep-socket';

/**
 * The widget on a page that does its worst (FEATURES G1 "isolated from the host page"): every element
 * unset with !important, the widget's own tag hidden, a full-screen overlay at the highest z-index,
 * another one added later, and a script that goes looking for the widget. The page lives on another
 * origin than the hub, so the loader's import of the body crosses origins as on a real shop.
 */

/**
 * The shop: a server of its own on another port, i.e. another origin than the hub (both on the
 * loopback address, since Chromium refuses a page served from elsewhere access to it).
 */
function startShop(hubUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  return servePages((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostilePage(hubUrl, req.url !== '/plain'));
  });
}

function hostilePage(hubUrl: string, withWidget = true): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile shop</title>
<style>
  * { all: unset !important; }
  html, body, div, main, h1, p { display: block !important; }
  parley-widget { display: none !important; opacity: 0 !important; transform: scale(0) !important; visibility: hidden !important; font-size: 60px !important; letter-spacing: 9px !important; }
  .overlay { position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; background: rgba(200, 0, 0, .2) !important; }
  button, textarea, input { position: fixed !important; z-index: 2147483647 !important; }
</style></head>
<body><main><h1>Hostile shop</h1><p>Nothing to see here.</p></main>
<div class="overlay" id="overlay-1"></div>
${withWidget ? `<script src="${hubUrl}/widget.js" data-chat="demo-shop" async></script>` : ''}
<script>
  // Later overlays, added after the widget, at the same z-index.
  setTimeout(() => { const o = document.createElement('div'); o.className = 'overlay'; o.id = 'overlay-2'; document.body.append(o); }, 300);
  // What the page's own scripts can reach of the widget.
  window.probe = () => {
    const el = document.querySelector('parley-widget');
    // (split, so this script's own text, shown by the page's 'all: unset', does not match)
    return { found: !!el, shadowRoot: el ? el.shadowRoot : 'none', text: document.body.innerText.includes('Chat with' + ' us') };
  };
</script></body></html>`;
}

test('the widget works on a hostile page: open, send, and get the reply', async ({ context, hub }) => {
  test.setTimeout(150_000);
  const site = await startShop(hub.url);
  const rep = await connectRep(hub.url, 'anna@demo.parley.test');
  try {
    const shop = await context.newPage();
    await shop.goto(`${site.url}/`);
    const launcher = shop.getByRole('button', { name: 'Chat with us' });
    await expect(launcher).toBeVisible({ timeout: 15_000 });
    // Nothing covers it: the point at its centre belongs to the widget, even after overlay-2 arrived.
    await expect(shop.locator('#overlay-2')).toBeAttached();
    const box = (await launcher.boundingBox())!;
    expect(
      await shop.evaluate(
        ([x, y]) => document.elementFromPoint(x, y)?.localName,
        [box.x + box.width / 2, box.y + box.height / 2],
      ),
    ).toBe('parley-widget');

    await launcher.click(); // Playwright refuses the click if anything else would receive it
    const message = shop.getByRole('textbox', { name: 'Message' });
    await expect(message).toBeFocused({ timeout: 15_000 });
    const text = `Hostile hello ${randomUUID().slice(0, 8)}`;
    await message.fill(text);
    await shop.getByRole('button', { name: 'Send', exact: true }).click();
    const log = shop.getByRole('log', { name: 'Conversation' });
    await expect(log.getByText(text, { exact: true })).toBeVisible();
    // The page's styles did not reach inside: the widget's font size is its own, not the page's 60px.
    expect(await message.evaluate((el) => getComputedStyle(el).fontSize)).toBe('14px');

    const created = await rep.next(
      (f) => f.type === 'event' && f.event.kind === 'message.created' && f.event.message.text === text,
    );
    const conversationId = created.event.message.conversationId;
    rep.send({ type: 'take', reqId: 'r1', clientId: 'hostile-take-1', conversationId });
    await rep.next((f) => f.reqId === 'r1' && f.type === 'ack');
    rep.send({ type: 'send', reqId: 'r2', conversationId, clientId: 'hostile-reply-1', text: 'Hello from the team' });
    await rep.next((f) => f.reqId === 'r2' && f.type === 'ack');
    await expect(log.getByText('Hello from the team', { exact: true })).toBeVisible({ timeout: 15_000 });
  } finally {
    rep.close();
    await site.close();
  }
});

test('the page gets no handle on the widget: closed shadow root, no text, no globals; mouse and keyboard still reach it', async ({
  hub,
}) => {
  const site = await startShop(hub.url);
  // A plain browser, without the test-only init script that opens the root for locators.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`${site.url}/`);
    const host = page.locator('parley-widget');
    await expect(host).toBeAttached({ timeout: 15_000 });
    await expect.poll(async () => (await host.boundingBox())?.height ?? 0).toBeGreaterThan(30);
    expect(await page.evaluate(() => (window as any).probe())).toEqual({ found: true, shadowRoot: null, text: false });

    // No globals: window has the same names as the same page without the widget.
    const names = (p: typeof page) =>
      p.evaluate(() =>
        Object.getOwnPropertyNames(window)
          .filter((n) => !n.startsWith('__playwright'))
          .sort(),
      );
    const plain = await browser.newPage();
    await plain.goto(`${site.url}/plain`);
    expect(await names(page)).toEqual(await names(plain));
    await plain.close();

    // A real mouse click on the bubble opens the panel (the host grows); keys go to the composer; Escape closes it.
    const closedBox = (await host.boundingBox())!;
    await page.mouse.click(closedBox.x + closedBox.width / 2, closedBox.y + closedBox.height / 2);
    await expect.poll(async () => (await host.boundingBox())?.height ?? 0, { timeout: 15_000 }).toBeGreaterThan(300);
    await page.keyboard.type('typed by keyboard');
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await host.boundingBox())?.height ?? 0).toBeLessThan(100);
  } finally {
    await browser.close();
    await site.close();
  }
});
