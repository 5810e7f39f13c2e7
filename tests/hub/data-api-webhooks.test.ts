import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { superToken } from './data-api-support';
import { BACKENDS, loginAs, startTestHub } from './support';

/**
 * Shop webhooks (FEATURES E2, E10; issue 20): WooCommerce and Shopify sign the raw body (base64
 * HMAC-SHA256 with the chat's secret); a good signature writes products and purchases once, a
 * tampered body or a wrong secret writes nothing, and a replayed delivery writes nothing twice.
 */

/**
 * Known answers. Shopify: the example SQLPage publishes for checking `X-Shopify-Hmac-Sha256` (its
 * tests' shopify webhook example). WooCommerce signs the same way; its known answer is RFC 4231's
 * HMAC-SHA256 test case 2 ("Jefe"), base64 of the RFC's hex digest.
 */
const SHOPIFY_EXAMPLE = {
  secret: 'test-webhook-secret',
  body: '{"id":1234567890,"email":"customer@example.com","total_price":"123.45"}',
  hmac: 'QNyObTlKbMx2qDlPF/ZOZcBqg5OgPg+2oky3zldc0Gw=',
};
const RFC4231_CASE_2 = {
  key: 'Jefe',
  data: 'what do ya want for nothing?',
  base64: Buffer.from('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843', 'hex').toString('base64'),
};
const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64');

describe.each(BACKENDS)('shop webhooks on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let alex: string;
  beforeAll(async () => {
    t = await startTestHub(backend);
    alex = await superToken(t.hub.url);
  });
  afterAll(async () => t.stop());

  const setSecret = (token: string, platform: string, secret: string) =>
    fetch(`${t.hub.url}/api/admin/chats/ch_demo/shop-webhooks/${platform}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ secret }),
    });
  const deliver = async (platform: string, body: string, headers: Record<string, string>) => {
    const res = await fetch(`${t.hub.url}/api/webhooks/${platform}/ch_demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: res.status, body: await res.json() };
  };
  const purchases = (orderId: string) =>
    t.db.query<{ email: string; sku: string; quantity: number; source: string }>(
      `select c.email, p.sku, b.quantity, b.source from crm_purchases b join crm_contacts c on c.id = b.contact_id
        join crm_products p on p.id = b.product_id where b.order_id = $1 order by p.sku`,
      [orderId],
    );

  it('lets only super users set a chat’s shop secret, and never answers it back', async () => {
    const anna = (await loginAs(t.hub.url, 'anna@demo.parley.test')).body.token;
    expect((await setSecret(anna, 'shopify', SHOPIFY_EXAMPLE.secret)).status).toBe(403);
    expect((await setSecret(alex, 'shopify', 'short')).status).toBe(400);
    const res = await setSecret(alex, 'shopify', SHOPIFY_EXAMPLE.secret);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it('accepts Shopify’s documented example signature and refuses the same body tampered with', async () => {
    await setSecret(alex, 'shopify', SHOPIFY_EXAMPLE.secret);
    const headers = { 'x-shopify-topic': 'customers/update', 'x-shopify-webhook-id': 'wh-example' };
    const good = await deliver('shopify', SHOPIFY_EXAMPLE.body, {
      ...headers,
      'x-shopify-hmac-sha256': SHOPIFY_EXAMPLE.hmac,
    });
    expect(good).toEqual({ status: 200, body: { result: 'ignored' } });
    const tampered = SHOPIFY_EXAMPLE.body.replace('123.45', '1.45');
    const bad = await deliver('shopify', tampered, { ...headers, 'x-shopify-hmac-sha256': SHOPIFY_EXAMPLE.hmac });
    expect(bad.status).toBe(401);
    expect((await deliver('shopify', SHOPIFY_EXAMPLE.body, headers)).status).toBe(401);
  });

  it('checks WooCommerce’s signature against RFC 4231’s known answer before reading the body', async () => {
    // The console asks for 8 characters at least; the check itself takes any key, as the RFC's is 4.
    await t.db.query(
      `insert into shop_webhooks (chat_id, platform, secret) values ('ch_demo', 'woocommerce', $1)
      on conflict (chat_id, platform) do update set secret = excluded.secret`,
      [RFC4231_CASE_2.key],
    );
    const signed = await deliver('woocommerce', RFC4231_CASE_2.data, {
      'x-wc-webhook-signature': RFC4231_CASE_2.base64,
    });
    expect(signed.status).toBe(400);
    expect(signed.body.error.message).toBe('request body is not valid JSON');
    const tampered = await deliver('woocommerce', `${RFC4231_CASE_2.data}!`, {
      'x-wc-webhook-signature': RFC4231_CASE_2.base64,
    });
    expect(tampered.status).toBe(401);
  });

  it('turns a Shopify order into purchases of the customer with its email, once however often it is delivered', async () => {
    const secret = 'shpss_0123456789abcdef';
    await setSecret(alex, 'shopify', secret);
    const order = JSON.stringify({
      id: 820982911946154500,
      email: 'Maria.Bianchi@example.com',
      created_at: '2026-12-01T10:15:00-05:00',
      currency: 'EUR',
      line_items: [
        { product_id: 632910392, sku: 'IPOD2008PINK', title: 'IPod Nano - 8gb', quantity: 2, price: '199.00' },
        { product_id: 7, sku: null, title: 'Gift wrap', quantity: 1, price: '2.50' },
      ],
    });
    const headers = {
      'x-shopify-topic': 'orders/create',
      'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    };
    const first = await deliver('shopify', order, { ...headers, 'x-shopify-hmac-sha256': sign(secret, order) });
    expect(first).toEqual({ status: 200, body: { result: 'applied' } });
    const bought = await purchases('820982911946154500');
    expect(bought).toEqual([
      { email: 'maria.bianchi@example.com', sku: 'IPOD2008PINK', quantity: 2, source: 'shopify' },
      { email: 'maria.bianchi@example.com', sku: 'shopify-7', quantity: 1, source: 'shopify' },
    ]);
    await t.db.query(`delete from crm_purchases where order_id = '820982911946154500'`);
    const again = await deliver('shopify', order, { ...headers, 'x-shopify-hmac-sha256': sign(secret, order) });
    expect(again.body).toEqual({ result: 'replayed' });
    expect(await purchases('820982911946154500')).toEqual([]);
  });

  it('adds a WooCommerce product to the catalog, and applies an order once per version', async () => {
    const secret = 'wc-secret-for-tests';
    await setSecret(alex, 'woocommerce', secret);
    const product = JSON.stringify({
      id: 794,
      sku: 'WOO-LAMP-1',
      name: 'Premium Quality Lamp',
      price: '21.99',
      permalink: 'https://shop.example/product/premium-quality-lamp/',
      images: [{ src: 'https://shop.example/lamp.jpg' }],
      categories: [{ name: 'Lighting' }],
      date_modified_gmt: '2026-12-01T09:00:00',
    });
    const productHeaders = { 'x-wc-webhook-topic': 'product.created', 'x-wc-webhook-signature': sign(secret, product) };
    expect((await deliver('woocommerce', product, productHeaders)).body).toEqual({ result: 'applied' });
    expect(await t.db.query(`select name, price_cents, category from crm_products where sku = 'WOO-LAMP-1'`)).toEqual([
      { name: 'Premium Quality Lamp', price_cents: 2199, category: 'Lighting' },
    ]);

    const order = (modified: string, quantity: number) =>
      JSON.stringify({
        id: 727,
        date_created_gmt: '2026-12-01T10:00:00',
        date_modified_gmt: modified,
        currency: 'EUR',
        billing: { email: 'new.woo.buyer@example.com', first_name: 'Wanda', last_name: 'Woo' },
        line_items: [{ product_id: 794, sku: 'WOO-LAMP-1', name: 'Premium Quality Lamp', quantity, price: 21.99 }],
      });
    const send = (body: string) =>
      deliver('woocommerce', body, {
        'x-wc-webhook-topic': 'order.updated',
        'x-wc-webhook-signature': sign(secret, body),
        'x-wc-webhook-delivery-id': String(Math.random()),
      });
    expect((await send(order('2026-12-01T10:00:05', 1))).body).toEqual({ result: 'applied' });
    expect((await send(order('2026-12-01T10:00:05', 1))).body).toEqual({ result: 'replayed' });
    expect((await send(order('2026-12-01T11:30:00', 3))).body).toEqual({ result: 'applied' });
    expect(await purchases('727')).toEqual([
      { email: 'new.woo.buyer@example.com', sku: 'WOO-LAMP-1', quantity: 3, source: 'woocommerce' },
    ]);
    expect(await t.db.query(`select name from crm_contacts where email = 'new.woo.buyer@example.com'`)).toEqual([
      { name: 'Wanda Woo' },
    ]);
  });

  it('answers WooCommerce’s unsigned ping without writing, and refuses a chat without a secret', async () => {
    expect(
      await deliver('woocommerce', 'webhook_id=15', { 'content-type': 'application/x-www-form-urlencoded' }),
    ).toEqual({
      status: 200,
      body: { result: 'ignored' },
    });
    const del = await fetch(`${t.hub.url}/api/admin/chats/ch_demo/shop-webhooks/woocommerce`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${alex}` },
    });
    expect(del.status).toBe(204);
    const body = JSON.stringify({ id: 1, sku: 'NOPE-1', name: 'Nope', price: '1.00' });
    const refused = await deliver('woocommerce', body, {
      'x-wc-webhook-topic': 'product.created',
      'x-wc-webhook-signature': sign('wc-secret-for-tests', body),
    });
    expect(refused.status).toBe(401);
    expect(await t.db.query(`select 1 from crm_products where sku = 'NOPE-1'`)).toEqual([]);
  });
});
