import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '#protocol';
import { makeKey, ndjson, product, send, superToken } from './data-api-support';
import { BACKENDS, connect, loginAs, startTestHub, wsUrl, type TestSocket } from './support';

/**
 * Cards change live (issue 20): a data API request or a shop webhook that changes records' cards
 * appends one `contact.changed` event naming them (ids only, one event per request, not per row),
 * and it reaches a rep's socket at once, whichever chats the rep works in; a replay appends nothing.
 */
describe.each(BACKENDS)('contact.changed on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let secret: string;
  let alex: string;
  let anna: TestSocket;
  beforeAll(async () => {
    t = await startTestHub(backend);
    alex = await superToken(t.hub.url);
    secret = (await makeKey(t.hub.url, alex, ['products', 'contacts', 'orders', 'emails'])).secret;
    const { body } = await loginAs(t.hub.url, 'anna@demo.parley.test');
    anna = await connect(wsUrl(t.hub.url, '/ws/rep'));
    anna.send({ type: 'hello', v: PROTOCOL_VERSION, token: body.token, lastEventId: 0 });
    await anna.next((f) => f.type === 'synced', 15_000);
  });
  afterAll(async () => {
    anna.close();
    await t.stop();
  });

  const contactId = async (email: string) =>
    (await t.db.query<{ id: string }>('select id from crm_contacts where email = $1', [email]))[0].id;
  /** The contactIds of every `contact.changed` event logged after this one. */
  const loggedAfter = async (eventId: number) =>
    (
      await t.db.query<{ payload: { contactIds: string[] } }>(
        `select payload from events where kind = 'contact.changed' and id > $1 order by id`,
        [eventId],
      )
    ).map((r) => r.payload.contactIds);
  const lastEventId = async () =>
    Number((await t.db.query<{ id: string }>('select coalesce(max(id), 0) as id from events'))[0].id);
  const order = (orderId: string, email: string, skus: string[]) => ({
    orderId,
    email,
    placedAt: '2026-12-01T10:00:00Z',
    lines: skus.map((sku) => ({ sku, quantity: 1, priceCents: 1500 })),
  });

  it('tells a rep once per bulk request which records changed, by id only', async () => {
    const before = await lastEventId();
    await send(t.hub.url, secret, 'products/bulk', ndjson([product('LIVE-1'), product('LIVE-2')]));
    const res = await send(
      t.hub.url,
      secret,
      'orders/bulk',
      ndjson([
        order('LIVE-O1', 'live.one@example.com', ['LIVE-1', 'LIVE-2']),
        order('LIVE-O2', 'live.one@example.com', ['LIVE-2']),
        order('LIVE-O3', 'live.two@example.com', ['LIVE-1']),
      ]),
    );
    expect(res.body).toMatchObject({ written: 3, refused: [] });
    const changed = await anna.next(
      (f) => f.type === 'event' && f.event.kind === 'contact.changed' && f.event.id > before,
    );
    const ids = [await contactId('live.one@example.com'), await contactId('live.two@example.com')];
    expect(changed.event).toEqual({
      id: expect.any(Number),
      at: expect.any(String),
      chatId: '*',
      kind: 'contact.changed',
      contactIds: expect.arrayContaining(ids),
    });
    expect(changed.event.contactIds).toHaveLength(2);
    expect(JSON.stringify(changed.event)).not.toContain('@');
    // One event for the request, and none for the products before it.
    await send(t.hub.url, secret, 'emails', {
      externalId: 'live-mail-1',
      email: 'live.two@example.com',
      direction: 'in',
      subject: 'Where is my lamp?',
      snippet: '…',
      at: '2026-12-02T09:00:00Z',
    });
    await anna.next((f) => f.type === 'event' && f.event.kind === 'contact.changed' && f.event.id > changed.event.id);
    expect(await loggedAfter(before)).toEqual([changed.event.contactIds, [ids[1]]]);
  });

  it('tells a rep when a Shopify order lands on a record, and not again when it is replayed', async () => {
    const shopSecret = 'shpss_live_card';
    const put = await fetch(`${t.hub.url}/api/admin/chats/ch_demo/shop-webhooks/shopify`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${alex}` },
      body: JSON.stringify({ secret: shopSecret }),
    });
    expect(put.status).toBe(204);
    const body = JSON.stringify({
      id: 4242,
      email: 'live.shopper@example.com',
      created_at: '2026-12-03T10:15:00+01:00',
      currency: 'EUR',
      line_items: [{ product_id: 1, sku: 'LIVE-1', title: 'Lamp LIVE-1', quantity: 1, price: '15.00' }],
    });
    const deliver = () =>
      fetch(`${t.hub.url}/api/webhooks/shopify/ch_demo`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': 'orders/create',
          'x-shopify-webhook-id': 'live-delivery-1',
          'x-shopify-hmac-sha256': createHmac('sha256', shopSecret).update(body).digest('base64'),
        },
        body,
      }).then((r) => r.json());
    const before = await lastEventId();
    expect(await deliver()).toEqual({ result: 'applied' });
    const changed = await anna.next(
      (f) => f.type === 'event' && f.event.kind === 'contact.changed' && f.event.id > before,
    );
    expect(changed.event.contactIds).toEqual([await contactId('live.shopper@example.com')]);
    expect(await deliver()).toEqual({ result: 'replayed' });
    expect(await loggedAfter(before)).toEqual([changed.event.contactIds]);
  });
});
