import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CRM_LIMITS, PROTOCOL_VERSION, TRACK_LIMITS } from '#protocol';
import { seedDemo } from '#hub/demo/seed';
import { startHub, type Hub } from '#hub/server';
import type { Db } from '#hub/storage/db';
import { eventually, repActor, visitorActor, type RepActor } from './actors';
import { crm, identify, linkChecked, takenConversation } from './crm-support';
import { connect, openTestDb, wsUrl } from './support';

/**
 * Page tracking (FEATURES G1, E2) at the hub: the widget's `track` frames land in the store with the
 * product they are about and the time they happened, feed the rep's card (last visit, cart), and
 * are refused past the per-minute limit or when malformed — with an error frame, the socket kept.
 * A real hub on a random port with real WebSocket clients; the hub's clock is the test's.
 */
const T0 = Date.parse('2026-11-22T10:00:30Z');
let now = T0;
let db: Db;
let hub: Hub;
let anna: RepActor;

beforeEach(async () => {
  now = T0;
  db = await openTestDb('pglite');
  hub = await startHub({ db, port: 0, clock: () => now });
  await seedDemo(db);
  for (const [id, name] of [
    ['pr_lamp', 'Oak desk lamp'],
    ['pr_chair', 'Walnut chair'],
  ]) {
    await db.query(
      `insert into crm_products (id, sku, name, brand, category, price_cents, url) values ($1, $1, $2, 'Test', 'Lighting', 8900, $3)`,
      [id, name, `https://shop.example/p/${id}`],
    );
  }
  anna = await repActor(hub, 'anna@demo.parley.test');
});
afterEach(async () => {
  anna.close();
  await hub.close();
  await db.close();
});

type Row = {
  visitor_id: string;
  kind: string;
  url: string;
  title: string | null;
  product_id: string | null;
  quantity: number;
  at: Date;
};
const rows = (visitorId: string) =>
  db.query<Row>(
    'select visitor_id, kind, url, title, product_id, quantity, at from crm_visitor_events where visitor_id = $1 order by id',
    [visitorId],
  );

describe('track frames', () => {
  it('store page views and cart changes with their product (by id or by link) and their time, less a queued age', async () => {
    const visitor = await visitorActor(hub);
    visitor.socket.send({
      type: 'track',
      event: 'page_view',
      url: 'https://shop.example/',
      title: 'Home',
      ageMs: 90_000,
    });
    visitor.socket.send({
      type: 'track',
      event: 'page_view',
      url: 'https://shop.example/p/pr_lamp',
      title: '  Oak desk lamp — Shop ',
    });
    visitor.socket.send({
      type: 'track',
      event: 'cart_add',
      url: 'https://shop.example/p/pr_lamp',
      productId: 'pr_chair',
      quantity: 2,
    });
    visitor.socket.send({ type: 'track', event: 'cart_add', url: 'https://shop.example/p/pr_lamp' });
    visitor.socket.send({ type: 'track', event: 'cart_remove', url: 'https://shop.example/', productId: 'pr_nope' });
    await eventually(async () => expect(await rows(visitor.id)).toHaveLength(5));
    expect(
      (await rows(visitor.id)).map((r) => [r.kind, r.url, r.title, r.product_id, r.quantity, r.at.getTime() - T0]),
    ).toEqual([
      ['page_view', 'https://shop.example/', 'Home', null, 1, -90_000],
      ['page_view', 'https://shop.example/p/pr_lamp', 'Oak desk lamp — Shop', 'pr_lamp', 1, 0],
      ['cart_add', 'https://shop.example/p/pr_lamp', null, 'pr_chair', 2, 0],
      ['cart_add', 'https://shop.example/p/pr_lamp', null, 'pr_lamp', 1, 0],
      ['cart_remove', 'https://shop.example/', null, null, 1, 0], // an unknown product is no product
    ]);
    // Never acknowledged: the widget sends and forgets.
    expect(visitor.socket.frames.filter((f) => f.type === 'ack' || f.type === 'error')).toEqual([]);
    visitor.close();
  });

  it("reach the rep's card: the last visit and the cart of the customer the visitor turned out to be", async () => {
    const visitor = await visitorActor(hub);
    visitor.socket.send({
      type: 'track',
      event: 'page_view',
      url: 'https://shop.example/p/pr_lamp',
      title: 'Oak desk lamp',
      ageMs: 60_000,
    });
    visitor.socket.send({
      type: 'track',
      event: 'page_view',
      url: 'https://shop.example/p/pr_chair',
      title: 'Walnut chair',
      ageMs: 30_000,
    });
    visitor.socket.send({
      type: 'track',
      event: 'cart_add',
      url: 'https://shop.example/p/pr_chair',
      productId: 'pr_chair',
    });
    await eventually(async () => expect(await rows(visitor.id)).toHaveLength(3));
    const id = await takenConversation(anna, visitor, 'Is the chair in stock?');
    await identify(visitor, 'jonas.keller@example.com');
    const recs = await crm(anna, { op: 'recommendations', conversationId: id });
    expect(
      recs.lastVisit.map((p: { url: string; product: { name: string } | null }) => [p.url, p.product?.name]),
    ).toEqual([
      ['https://shop.example/p/pr_chair', 'Walnut chair'],
      ['https://shop.example/p/pr_lamp', 'Oak desk lamp'],
    ]);
    // Typed, the email only suggests Jonas's record (issue 14); the rep's link after a check shows it.
    expect((await crm(anna, { op: 'card', conversationId: id })).result).toMatchObject({
      status: 'anonymous',
      suggestion: { contactId: 'cu_2' },
    });
    await linkChecked(anna, id, 'cu_2');
    const card = await crm(anna, { op: 'card', conversationId: id });
    expect(card.result.status).toBe('matched');
    expect(
      card.result.card.cart.map((l: { product: { id: string }; quantity: number }) => [l.product.id, l.quantity]),
    ).toContainEqual(['pr_chair', 1]);
    // An hour and more without a cart change and no checkout: the same cart is abandoned.
    expect(recs.abandonedCart).toEqual([]);
    now = T0 + (CRM_LIMITS.abandonAfterMinutes + 1) * 60_000;
    const later = await crm(anna, { op: 'recommendations', conversationId: id });
    expect(later.abandonedCart.map((l: { product: { id: string } }) => l.product.id)).toEqual(['pr_chair']);
    visitor.close();
  });

  it(`refuses more than CRM_LIMITS.trackPerMinute a minute with an error, keeps the socket, and counts afresh the next minute`, async () => {
    const visitor = await visitorActor(hub);
    for (let i = 0; i <= CRM_LIMITS.trackPerMinute; i++)
      visitor.socket.send({ type: 'track', event: 'page_view', url: `https://shop.example/?i=${i}` });
    expect(await visitor.socket.next((f) => f.type === 'error')).toMatchObject({
      code: 'rate_limited',
      limit: CRM_LIMITS.trackPerMinute,
      retryAfterMs: 30_000,
    });
    expect(await rows(visitor.id)).toHaveLength(CRM_LIMITS.trackPerMinute);
    now = T0 + 60_000;
    visitor.socket.send({ type: 'track', event: 'page_view', url: 'https://shop.example/next-minute' });
    visitor.socket.send({ type: 'ping', t: 1 });
    await visitor.socket.next((f) => f.type === 'pong');
    expect((await rows(visitor.id)).at(-1)?.url).toBe('https://shop.example/next-minute');
    visitor.close();
  });

  it('refuses malformed frames and tracking before hello, storing nothing', async () => {
    const visitor = await visitorActor(hub);
    for (const bad of [
      { type: 'track', event: 'page_view', url: 'https://shop.example/', ageMs: TRACK_LIMITS.maxAgeMs + 1 },
      { type: 'track', event: 'cart_add', url: 'https://shop.example/', quantity: 0 },
      { type: 'track', event: 'visit', url: 'https://shop.example/' },
      { type: 'track', event: 'page_view', url: 'shop' },
    ]) {
      visitor.socket.frames.length = 0;
      visitor.socket.send(bad);
      // Over a maximum is `too_large` (with the limit), anything else `bad_frame`.
      expect(['bad_frame', 'too_large']).toContain((await visitor.socket.next((f) => f.type === 'error')).code);
    }
    const early = await connect(wsUrl(hub.url, '/ws/visitor'));
    early.send({ type: 'track', event: 'page_view', url: 'https://shop.example/' });
    expect(await early.next((f) => f.type === 'error')).toMatchObject({ code: 'not_ready' });
    early.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop' });
    await early.next((f) => f.type === 'welcome');
    expect(Number((await db.query<{ n: string }>('select count(*) as n from crm_visitor_events'))[0].n)).toBe(0);
    early.close();
    visitor.close();
  });
});
