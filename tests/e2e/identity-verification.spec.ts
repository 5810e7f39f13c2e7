import { createHmac } from 'node:crypto';
import { takeChatAsAnna } from './support/crm-visitor';
import { expect, test } from './support/fixtures';
import { signIn } from './support/helpers';
import { servePages } from './support/page-server';

/**
 * Identity verification end to end (issue 14): a super user makes the chat's secret, the shop's
 * server signs its signed-in customer's email with it and puts email and signature on the widget's
 * script tag (data-user-email, data-user-hash); the rep who takes the chat sees that customer's
 * record at once, with nothing marked unverified and nothing to link.
 */
test("a shop's signed-in customer reaches the rep's card as their record, verified", async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(150_000);
  const login = await fetch(`${hub.url}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: 'alex@demo.parley.test', password: 'parley-demo' }),
  });
  const alex = (await login.json()).token as string;
  const made = await fetch(`${hub.url}/api/admin/chats/ch_demo/identity-secret`, {
    method: 'POST',
    headers: { authorization: `Bearer ${alex}` },
  });
  expect(made.status).toBe(201);
  const { secret } = (await made.json()) as { secret: string };

  // The shop's server: the secret stays here; the page gets the email and its signature.
  const email = 'jonas.keller@example.com';
  const hash = createHmac('sha256', secret).update(email).digest('hex');
  const site = await servePages((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed-in shop</title></head>
<body><h1>Your account</h1>
<script src="${hub.url}/widget.js" data-chat="demo-shop" data-user-email="${email}" data-user-hash="${hash}" async></script>
</body></html>`);
  });
  try {
    await signIn(page, extensionId, hub.url, 'anna@demo.parley.test');
    const shop = await context.newPage();
    await shop.goto(`${site.url}/`);
    await shop.getByRole('button', { name: 'Chat with us' }).click();
    await shop.getByRole('textbox', { name: 'Message' }).fill('Where is my desk order?');
    await shop.getByRole('button', { name: 'Send', exact: true }).click();

    const panel = await takeChatAsAnna(context, extensionId, /Where is my desk order\?/);
    const card = panel.getByRole('complementary', { name: 'Contact card' });
    await expect(card.getByText('Jonas Keller', { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(card.getByText('unverified (typed by the visitor)')).toHaveCount(0);
    await expect(card.getByRole('button', { name: 'Link to this record' })).toHaveCount(0);
  } finally {
    await site.close();
  }
});
