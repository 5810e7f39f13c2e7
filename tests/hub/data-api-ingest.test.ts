import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_API_LIMITS } from '#protocol';
import { makeKey, ndjson, product, send, superToken } from './data-api-support';
import { BACKENDS, startTestHub } from './support';

/**
 * The data API's writes (FEATURES E2, E10, E11; issue 20): upserts by the shop's keys, bulk NDJSON
 * with refused rows reported by line, all-or-nothing, and idempotency keys that make a retry write once.
 */
describe.each(BACKENDS)('data API ingest on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let secret: string;
  beforeAll(async () => {
    t = await startTestHub(backend);
    secret = (
      await makeKey(t.hub.url, await superToken(t.hub.url), ['products', 'contacts', 'orders', 'emails', 'events'])
    ).secret;
  });
  afterAll(async () => t.stop());

  const count = async (sql: string, params: unknown[]) =>
    Number((await t.db.query<{ n: string }>(`select count(*) as n from ${sql}`, params))[0].n);

  it('upserts a product by SKU: sent twice it is one product with the newer price', async () => {
    const first = await send(t.hub.url, secret, 'products', product('UP-1', 1000));
    expect(first).toMatchObject({ status: 200, body: { created: true } });
    const second = await send(t.hub.url, secret, 'products', product('UP-1', 1200));
    expect(second.body).toEqual({ id: first.body.id, created: false });
    expect(await t.db.query('select price_cents from crm_products where sku = $1', ['UP-1'])).toEqual([
      { price_cents: 1200 },
    ]);
  });

  it('refuses a row that fails its schema with the field and the reason, writing nothing', async () => {
    const res = await send(t.hub.url, secret, 'products', { ...product('UP-2'), priceCents: -5 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^priceCents: /);
    expect(await count('crm_products where sku = $1', ['UP-2'])).toBe(0);
  });

  it('writes the good rows of a bulk request and reports each bad one with its line number', async () => {
    const body = ndjson([
      product('BK-1'),
      '{ not json',
      product('BK-2'),
      '',
      { ...product('BK-3'), name: '' },
      product('BK-4'),
    ]);
    const res = await send(t.hub.url, secret, 'products/bulk', body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      written: 3,
      atomic: false,
      refused: [
        { line: 2, message: 'not valid JSON' },
        { line: 5, message: 'name: name is empty' },
      ],
    });
    expect(await count('crm_products where sku = any($1)', [['BK-1', 'BK-2', 'BK-3', 'BK-4']])).toBe(3);
  });

  it('writes nothing of an all-or-nothing bulk request with a bad row, and all of one without', async () => {
    const orders = (id: string, sku: string) => ({
      orderId: id,
      email: 'atomic.buyer@example.com',
      placedAt: '2026-11-30T10:00:00Z',
      lines: [{ sku, quantity: 1, priceCents: 1500 }],
    });
    await send(t.hub.url, secret, 'products', product('AT-1'));
    const refused = await send(
      t.hub.url,
      secret,
      'orders/bulk?atomic=true',
      ndjson([orders('AT-O1', 'AT-1'), orders('AT-O2', 'NO-SUCH-SKU'), orders('AT-O3', 'AT-1')]),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      written: 0,
      atomic: true,
      refused: [{ line: 2, message: 'lines: no product with sku "NO-SUCH-SKU"' }],
    });
    expect(await count('crm_purchases where order_id like $1', ['AT-O%'])).toBe(0);
    expect(await count('crm_contacts where email = $1', ['atomic.buyer@example.com'])).toBe(0);

    const fine = await send(
      t.hub.url,
      secret,
      'orders/bulk?atomic=true',
      ndjson([orders('AT-O1', 'AT-1'), orders('AT-O3', 'AT-1')]),
    );
    expect(fine.body).toEqual({ written: 2, refused: [], atomic: true });
    expect(await count('crm_purchases where order_id like $1', ['AT-O%'])).toBe(2);
  });

  it('turns an order into purchases of the person with its email, made if missing, and a resent order replaces its lines', async () => {
    await send(t.hub.url, secret, 'products', product('OR-1', 2000));
    await send(t.hub.url, secret, 'products', product('OR-2', 500));
    const order = {
      orderId: 'OR-1001',
      email: 'New.Buyer@Example.com',
      name: 'Nina Buyer',
      placedAt: '2026-12-01T09:30:00+01:00',
      lines: [
        { sku: 'OR-1', quantity: 1, priceCents: 2000 },
        { sku: 'OR-2', quantity: 3, priceCents: 500 },
      ],
    };
    expect((await send(t.hub.url, secret, 'orders', order)).body).toEqual({ id: 'OR-1001', created: true });
    const [buyer] = await t.db.query<{ id: string; name: string }>(
      'select id, name from crm_contacts where email = $1',
      ['new.buyer@example.com'],
    );
    expect(buyer.name).toBe('Nina Buyer');
    expect(await count('crm_purchases where contact_id = $1 and source = $2', [buyer.id, 'api'])).toBe(2);
    const resent = await send(t.hub.url, secret, 'orders', { ...order, lines: [order.lines[0]] });
    expect(resent.body).toEqual({ id: 'OR-1001', created: false });
    expect(await count('crm_purchases where order_id = $1', ['OR-1001'])).toBe(1);
  });

  it('puts an email in the contact’s activity once, and refuses one for an unknown contact', async () => {
    const email = {
      externalId: 'msg-1',
      email: 'maria.bianchi@example.com',
      direction: 'in',
      subject: 'Where is my order?',
      at: '2026-12-01T08:00:00Z',
    };
    expect((await send(t.hub.url, secret, 'emails', email)).body.created).toBe(true);
    expect(
      (await send(t.hub.url, secret, 'emails', { ...email, subject: 'Where is my order? (2)' })).body.created,
    ).toBe(false);
    expect(
      await t.db.query(
        `select a.title from crm_activity a join crm_emails e on a.id = 'ac_' || e.id where e.external_id = 'msg-1'`,
        [],
      ),
    ).toEqual([{ title: 'Where is my order? (2)' }]);
    const unknown = await send(t.hub.url, secret, 'emails', {
      ...email,
      externalId: 'msg-2',
      email: 'nobody@example.com',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('email: no contact with the email nobody@example.com');
  });

  it('records a custom event with its properties', async () => {
    const res = await send(t.hub.url, secret, 'events', {
      externalId: 'ev-1',
      email: 'maria.bianchi@example.com',
      name: 'Newsletter sign-up',
      properties: { list: 'weekly', double_opt_in: true },
      at: '2026-12-01T08:00:00Z',
    });
    expect(res.status).toBe(200);
    const [row] = await t.db.query<{ properties: unknown }>(
      `select properties from crm_custom_events where external_id = 'ev-1'`,
    );
    expect(row.properties).toEqual({ list: 'weekly', double_opt_in: true });
  });

  it('writes a request retried with the same Idempotency-Key once, and refuses the key for a different request', async () => {
    const headers = { 'idempotency-key': 'retry-42' };
    const body = ndjson([
      { externalId: 'ev-idem', email: 'maria.bianchi@example.com', name: 'Return', at: '2026-12-01T08:00:00Z' },
    ]);
    const first = await send(t.hub.url, secret, 'events/bulk', body, headers);
    await t.db.query(`delete from crm_custom_events where external_id = 'ev-idem'`);
    const retry = await send(t.hub.url, secret, 'events/bulk', body, headers);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await count('crm_custom_events where external_id = $1', ['ev-idem'])).toBe(0);
    const other = await send(t.hub.url, secret, 'events/bulk', `${body}\n`.repeat(2), headers);
    expect(other.status).toBe(409);
  });

  it('refuses a bulk request over its row limit before writing any', async () => {
    const rows = Array.from({ length: DATA_API_LIMITS.bulkRows + 1 }, (_, i) => `{"sku":"LIM-${i}"}`).join('\n');
    const res = await send(t.hub.url, secret, 'products/bulk', rows);
    expect(res.status).toBe(413);
    expect(res.body.error.limit).toBe(DATA_API_LIMITS.bulkRows);
    expect(await count('crm_products where sku like $1', ['LIM-%'])).toBe(0);
  });

  it('serves an OpenAPI document made from the row schemas', async () => {
    const doc = await (await fetch(`${t.hub.url}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toBe('3.0.3');
    const body = doc.paths['/api/v1/products'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['sku', 'name', 'priceCents']);
    expect(Object.keys(doc.paths)).toContain('/api/v1/orders/bulk');
  });
});
