import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './support/fixtures';
import { connectRep } from './support/rep-socket';

/**
 * Allowed origins (FEATURES H2) in a real browser: the shop is a page on another loopback port, so
 * Chromium sends its own Origin with the widget's WebSocket. A chat that does not list it refuses
 * the widget (which says the chat is unavailable and stops); once listed, the visitor gets through.
 */
async function startShop(hubUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><main><h1>Shop</h1></main><script src="${hubUrl}/widget.js" data-chat="demo-shop" async></script></body></html>`);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => (server.close(() => ok()), server.closeAllConnections())),
  };
}

async function setAllowedOrigins(hubUrl: string, origins: string[]): Promise<void> {
  const login = await fetch(`${hubUrl}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: 'alex@demo.parley.test', password: 'parley-demo' }),
  });
  const { token } = await login.json();
  const res = await fetch(`${hubUrl}/api/admin/chats/ch_demo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'Demo shop', hours: null, allowedOrigins: origins }),
  });
  expect(res.status).toBe(204);
}

test('a chat that does not list the shop refuses its widget; once listed, the visitor gets through', async ({
  context,
  hub,
}) => {
  test.setTimeout(150_000);
  const site = await startShop(hub.url);
  const rep = await connectRep(hub.url, 'anna@demo.parley.test');
  try {
    await setAllowedOrigins(hub.url, ['https://shop.example']);
    const shop = await context.newPage();
    await shop.goto(`${site.url}/`);
    await shop.getByRole('button', { name: 'Chat with us' }).click({ timeout: 15_000 });
    await expect(shop.getByText('Chat is unavailable right now.')).toBeVisible({ timeout: 15_000 });

    await setAllowedOrigins(hub.url, ['https://shop.example', site.url]);
    await shop.reload();
    await shop.getByRole('button', { name: 'Chat with us' }).click({ timeout: 15_000 });
    const message = shop.getByRole('textbox', { name: 'Message' });
    await expect(message).toBeFocused({ timeout: 15_000 });
    const text = `Allowed hello ${randomUUID().slice(0, 8)}`;
    await message.fill(text);
    await shop.getByRole('button', { name: 'Send', exact: true }).click();
    await rep.next((f) => f.type === 'event' && f.event.kind === 'message.created' && f.event.message.text === text);
    await expect(shop.getByText('Chat is unavailable right now.')).toHaveCount(0);
  } finally {
    rep.close();
    await site.close();
  }
});
