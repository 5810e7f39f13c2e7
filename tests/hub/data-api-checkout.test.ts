import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { visitorActor } from './actors';
import { superToken } from './data-api-support';
import { BACKENDS, startTestHub } from './support';

/**
 * A checkout the shop's page reports through the widget (issue 20): `checkout` with an `orderId`
 * records the open cart as that order's purchases, marked `page`, on the record of a shop-verified
 * visitor only; the shop's own order replaces them when its webhook arrives.
 */
describe.each(BACKENDS)('checkouts reported by the page on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let identitySecret: string;
  const shopSecret = 'shpss_checkout_tests';
  beforeAll(async () => {
    t = await startTestHub(backend);
    await t.db.query(`insert into crm_products (id, sku, name, brand, category, price_cents) values
      ('pr_lamp', 'LAMP-1', 'Desk lamp', 'Lumen', 'Lighting', 4000), ('pr_vase', 'VASE-1', 'Vase', 'Clay', 'Decor', 1500)`);
    const alex = await superToken(t.hub.url);
    const made = await fetch(`${t.hub.url}/api/admin/chats/ch_demo/identity-secret`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alex}` },
    });
    identitySecret = (await made.json()).secret;
    await fetch(`${t.hub.url}/api/admin/chats/ch_demo/shop-webhooks/shopify`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${alex}` },
      body: JSON.stringify({ secret: shopSecret }),
    });
  });
  afterAll(async () => t.stop());

  const purchases = (orderId: string) =>
    t.db.query<{ contact_id: string; product_id: string; quantity: number; source: string }>(
      'select contact_id, product_id, quantity, source from crm_purchases where order_id = $1 order by product_id',
      [orderId],
    );
  const checkout = async (email: string | null, orderId: string) => {
    const identity = email
      ? { email, hash: createHmac('sha256', identitySecret).update(email).digest('hex') }
      : undefined;
    const visitor = await visitorActor(t.hub, undefined, 'demo-shop', undefined, identity);
    const url = 'https://shop.example/cart';
    visitor.socket.send({ type: 'track', event: 'cart_add', url, productId: 'pr_lamp', quantity: 2 });
    visitor.socket.send({ type: 'track', event: 'cart_add', url, productId: 'pr_vase' });
    visitor.socket.send({ type: 'track', event: 'checkout', url, orderId });
    await vi.waitFor(async () =>
      expect(
        await t.db.query(`select 1 from crm_visitor_events where visitor_id = $1 and kind = 'checkout'`, [visitor.id]),
      ).toHaveLength(1),
    );
    visitor.close();
  };

  it('records a verified visitor’s cart as the order, marked as reported by the page', async () => {
    await checkout('maria.bianchi@example.com', 'WEB-1001');
    expect(await purchases('WEB-1001')).toEqual([
      { contact_id: 'cu_1', product_id: 'pr_lamp', quantity: 2, source: 'page' },
      { contact_id: 'cu_1', product_id: 'pr_vase', quantity: 1, source: 'page' },
    ]);
  });

  it('records nothing for a visitor the shop has not verified', async () => {
    await checkout(null, 'WEB-1002');
    expect(await purchases('WEB-1002')).toEqual([]);
  });

  it('gives way to the shop’s own order: its webhook replaces the page’s lines, and a late page report writes nothing', async () => {
    await checkout('maria.bianchi@example.com', '5001');
    const order = JSON.stringify({
      id: 5001,
      email: 'maria.bianchi@example.com',
      created_at: '2026-12-01T10:00:00Z',
      line_items: [{ product_id: 1, sku: 'LAMP-1', title: 'Lamp', quantity: 1, price: '40.00' }],
    });
    const res = await fetch(`${t.hub.url}/api/webhooks/shopify/ch_demo`, {
      method: 'POST',
      headers: {
        'x-shopify-topic': 'orders/create',
        'x-shopify-webhook-id': 'wh-5001',
        'x-shopify-hmac-sha256': createHmac('sha256', shopSecret).update(order).digest('base64'),
      },
      body: order,
    });
    expect(res.status).toBe(200);
    const shop = [{ contact_id: 'cu_1', product_id: 'pr_lamp', quantity: 1, source: 'shopify' }];
    expect(await purchases('5001')).toEqual(shop);
    await checkout('maria.bianchi@example.com', '5001');
    expect(await purchases('5001')).toEqual(shop);
  });
});
