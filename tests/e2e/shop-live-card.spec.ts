import { createHmac, randomUUID } from 'node:crypto';
import { expect, test } from './support/fixtures';
import { hubToken, signIn } from './support/helpers';
import { linkSuggestedRecord, takeChatAsAnna, visitorWithEmail } from './support/crm-visitor';
import { connectRep } from './support/rep-socket';

/**
 * Issue 20: a Shopify order webhook for the customer a rep is chatting with shows on the rep's card
 * live — the order's product among the purchases, and no longer among the recommendations (a customer
 * is never offered what they own) — without reloading the side panel. The test signs the webhook as
 * Shopify does (base64 HMAC-SHA256 of the raw body in X-Shopify-Hmac-Sha256) with the chat's secret
 * and posts it to the real hub on loopback.
 */

const SHOP_SECRET = `shpss_${randomUUID().replaceAll('-', '')}`;

test("a Shopify order for the customer in chat shows on the rep's card live, without reloading", async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(150_000);
  const set = await fetch(`${hub.url}/api/admin/chats/ch_demo/shop-webhooks/shopify`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${await hubToken(hub.url, 'alex@demo.parley.test')}` },
    body: JSON.stringify({ secret: SHOP_SECRET }),
  });
  expect(set.status).toBe(204);

  await signIn(page, extensionId, hub.url, 'anna@demo.parley.test');
  const anna = await connectRep(hub.url, 'anna@demo.parley.test');
  await visitorWithEmail(context, hub.url, 'Is the walnut lamp in stock?', 'jonas.keller@example.com');
  const opened = await anna.next((f) => f.type === 'event' && f.event.kind === 'conversation.opened');
  const conversationId = opened.event.conversation.id as string;
  const panel = await takeChatAsAnna(context, extensionId, /Is the walnut lamp in stock\?/);
  const card = panel.getByRole('complementary', { name: 'Contact card' });
  await linkSuggestedRecord(panel, 'Jonas Keller');
  await expect(card.getByText('Jonas Keller', { exact: true })).toBeVisible({ timeout: 20_000 });
  for (const section of ['Cart and purchases', 'Recommendations'])
    await card.getByRole('button', { name: `Expand ${section}` }).click();

  // What the card recommends to him now: the order will be for the first of these.
  const reqId = randomUUID();
  anna.send({ type: 'crm', reqId, request: { op: 'recommendations', conversationId } });
  const { answer } = await anna.next((f) => f.reqId === reqId);
  const wanted = answer.recommended[0].product as { sku: string; name: string; priceCents: number };
  // The recommended product's own line (its name also shows in other lines' reasons once he owns it).
  const offered = card.locator('ul.recommended > li > strong').filter({ hasText: wanted.name });
  await expect(offered).toHaveCount(1, { timeout: 20_000 });
  const purchases = card.getByRole('listitem').filter({ hasText: `2 × ${wanted.name}` });
  await expect(purchases).toHaveCount(0);
  // A mark on the page: a reload would lose it.
  await panel.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const body = JSON.stringify({
    id: 5_550_000_000_001,
    email: 'jonas.keller@example.com',
    created_at: new Date().toISOString(),
    currency: 'EUR',
    line_items: [
      { product_id: 1, sku: wanted.sku, title: wanted.name, quantity: 2, price: (wanted.priceCents / 100).toFixed(2) },
    ],
  });
  const delivered = await fetch(`${hub.url}/api/webhooks/shopify/ch_demo`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-hmac-sha256': createHmac('sha256', SHOP_SECRET).update(body, 'utf8').digest('base64'),
    },
    body,
  });
  expect(await delivered.json()).toEqual({ result: 'applied' });

  await expect(purchases).toHaveCount(1, { timeout: 20_000 });
  await expect(offered).toHaveCount(0, { timeout: 20_000 });
  expect(await panel.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  anna.close();
});
