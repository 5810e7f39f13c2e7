import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recommend } from '#hub/crm/builtin/recommend';
import type { CrmCall } from '#hub/crm/connector';
import { abandonedCart, lastVisit, openCart } from '#hub/crm/tracking';
import { DEMO_REPS, seedDemo } from '#hub/demo/seed';
import type { Db } from '#hub/storage/db';
import { migrate } from '#hub/storage/migrate';
import { BACKENDS, openTestDb } from './support';

/**
 * Recommendations on a small hand-made purchase history whose answers are worked out by hand:
 *
 *   c1: A B      c2: A B C      c3: A C      c4: B D      c5: E      me: A
 *
 * buyers: A 4 (with me), B 3, C 2, D 1, E 1. Cosine similarity co(i,j) / sqrt(buyers(i)·buyers(j)),
 * counting co-buyers other than me: A–B 2/√12 ≈ 0.577, A–C 2/√8 ≈ 0.707, B–C 1/√6 ≈ 0.408,
 * B–D 1/√3 ≈ 0.577.
 */
describe.each(BACKENDS)('recommendations on %s', (backend) => {
  let db: Db;
  let call: CrmCall;
  const anna = { ...DEMO_REPS[0], mode: 'rep' as const, status: 'online' as const };
  const NOW = Date.parse('2026-11-21T12:00:00Z');
  const min = (m: number) => new Date(NOW - m * 60_000);

  beforeEach(async () => {
    db = await openTestDb(backend);
    await migrate(db);
    await seedDemo(db);
    call = { tx: db, now: NOW, actor: anna };
    const products = { A: 'Cameras', B: 'Lenses', C: 'Memory', D: 'Lenses', E: 'Bags' };
    for (const [id, category] of Object.entries(products)) {
      await db.query(
        `insert into crm_products (id, sku, name, brand, category, price_cents, url) values ($1, $1, $2, 'Test', $3, 1000, $4)`,
        [id, `Product ${id}`, category, `https://shop.example/p/${id}`],
      );
    }
    const history: Record<string, string[]> = {
      c1: ['A', 'B'],
      c2: ['A', 'B', 'C'],
      c3: ['A', 'C'],
      c4: ['B', 'D'],
      c5: ['E'],
      me: ['A'],
    };
    for (const [contact, bought] of Object.entries(history)) {
      await db.query(`insert into crm_contacts (id, kind, name) values ($1, 'person', $1)`, [contact]);
      for (const p of bought)
        await db.query(
          `insert into crm_purchases (id, contact_id, product_id, order_id, price_cents, purchased_at) values ($1, $2, $3, $2, 1000, $4)`,
          [`${contact}-${p}`, contact, p, min(60 * 24 * 10)],
        );
    }
  });
  afterEach(() => db.close());

  const ids = (rs: { product: { id: string } }[]) => rs.map((r) => r.product.id);

  it('ranks what others bought with my purchases by similarity, says why, and fills up with best sellers', async () => {
    const rs = await recommend(call, { contactId: 'me', seedProductIds: [], limit: 3 });
    expect(ids(rs)).toEqual(['C', 'B', 'D']);
    expect(rs[0]).toMatchObject({
      score: 0.707,
      reason: { kind: 'co_purchase', becauseOf: { id: 'A', name: 'Product A' }, customers: 2 },
    });
    expect(rs[1]).toMatchObject({
      score: 0.577,
      reason: { kind: 'co_purchase', becauseOf: { id: 'A' }, customers: 2 },
    });
    expect(rs[2]).toMatchObject({ reason: { kind: 'popular', buyers: 1, category: null } });
  });

  it('for a visitor with no purchases, starts from what they looked at; ties go to more co-buyers', async () => {
    const rs = await recommend(call, { contactId: null, seedProductIds: ['B'], limit: 3 });
    expect(ids(rs)).toEqual(['A', 'D', 'C']);
    expect(rs.map((r) => r.score)).toEqual([0.577, 0.577, 0.408]);
    expect(rs.map((r) => (r.reason.kind === 'co_purchase' ? r.reason.customers : 0))).toEqual([2, 1, 1]);
  });

  it('adds up similarity over several seeds and never recommends what I own or look at', async () => {
    const rs = await recommend(call, { contactId: 'me', seedProductIds: ['C'], limit: 3 });
    expect(ids(rs)).toEqual(['B', 'D', 'E']);
    expect(rs[0]).toMatchObject({ score: 0.986, reason: { kind: 'co_purchase', becauseOf: { id: 'A' } } });
  });

  it('recommends best sellers of the category looked at when nobody bought it with anything', async () => {
    const rs = await recommend(call, { contactId: null, seedProductIds: ['E'], limit: 2 });
    expect(rs.map((r) => r.reason)).toEqual([
      { kind: 'popular', buyers: 4, category: null },
      { kind: 'popular', buyers: 3, category: null },
    ]);
    expect(ids(rs)).toEqual(['A', 'B']);
  });

  describe('from tracked events', () => {
    const track = (
      visitor: string,
      kind: string,
      product: string | null,
      minutesAgo: number,
      url = `https://shop.example/p/${product ?? 'home'}`,
    ) =>
      db.query('insert into crm_visitor_events (visitor_id, kind, url, product_id, at) values ($1, $2, $3, $4, $5)', [
        visitor,
        kind,
        url,
        product,
        min(minutesAgo),
      ]);

    it('lists the pages of the latest visit only, newest first, each once', async () => {
      await track('v1', 'page_view', 'A', 300); // an earlier visit
      await track('v1', 'page_view', null, 50);
      await track('v1', 'page_view', 'B', 40);
      await track('v1', 'page_view', 'C', 20);
      await track('v1', 'page_view', 'B', 10);
      const visit = await lastVisit(db, ['v1']);
      expect(visit.map((v) => v.url)).toEqual([
        'https://shop.example/p/B',
        'https://shop.example/p/C',
        'https://shop.example/p/home',
      ]);
      expect(visit[0].product?.id).toBe('B');
      expect(visit[2].product).toBeNull();
    });

    it('keeps the open cart through adds and removals, empties it at checkout, and calls it abandoned after an hour untouched', async () => {
      await track('v2', 'cart_add', 'A', 200);
      await track('v2', 'checkout', null, 190);
      await track('v2', 'cart_add', 'B', 120);
      await track('v2', 'cart_add', 'C', 110);
      await track('v2', 'cart_add', 'B', 100);
      await track('v2', 'cart_remove', 'C', 90);
      expect((await openCart(db, ['v2'])).lines.map((l) => [l.product.id, l.quantity])).toEqual([['B', 2]]);
      expect((await abandonedCart(db, ['v2'], NOW)).map((l) => l.product.id)).toEqual(['B']);
      await track('v2', 'cart_add', 'D', 30);
      expect(await abandonedCart(db, ['v2'], NOW)).toEqual([]);
      await track('v2', 'checkout', null, 5);
      expect((await openCart(db, ['v2'])).lines).toEqual([]);
    });
  });
});
