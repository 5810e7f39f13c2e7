import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recommend } from '#hub/crm/builtin/recommend';
import { upsertOrder, upsertProduct } from '#hub/ingest/upserts';
import type { Db } from '#hub/storage/db';
import { migrate } from '#hub/storage/migrate';
import { BACKENDS, openTestDb } from './support';

/**
 * The co-purchase counts the recommendations read (migration 0029, issue 20) stay equal to what the
 * purchase history says, computed live the way the card used to, through every way purchases change:
 * orders of several lines (a product twice in one), an order resent with other lines, a record
 * deleted with its purchases, a product deleted, and orders for one customer written by concurrent
 * transactions. And the recommendations read from them equal the live computation's.
 */

/** The counts computed from crm_purchases itself, as the card computed them before 0029. */
const LIVE_BUYERS = `select product_id, count(distinct contact_id)::int as buyers from crm_purchases group by 1 order by 1`;
const LIVE_PAIRS = `select a.product_id, b.product_id as other_id, count(distinct a.contact_id)::int as buyers
  from crm_purchases a join crm_purchases b on b.contact_id = a.contact_id and b.product_id <> a.product_id
  group by 1, 2 order by 1, 2`;

describe.each(BACKENDS)('co-purchase counts on %s', (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(backend);
    await migrate(db);
    for (const sku of ['A', 'B', 'C', 'D', 'E'])
      await upsertProduct(db, {
        sku,
        name: `Product ${sku}`,
        brand: 'Test',
        category: sku < 'D' ? 'Kitchen' : 'Garden',
        priceCents: 1000,
        currency: 'EUR',
        imageUrl: null,
        url: null,
      });
  });
  afterAll(() => db.close());

  const order = (orderId: string, email: string, skus: string[]) =>
    db.transaction((tx) =>
      upsertOrder(tx, {
        orderId,
        email,
        placedAt: '2026-12-01T10:00:00Z',
        lines: skus.map((sku) => ({ sku, quantity: 1, priceCents: 1000 })),
      }),
    );
  async function expectLive() {
    expect(await db.query('select product_id, buyers from crm_product_buyers order by 1')).toEqual(
      await db.query(LIVE_BUYERS),
    );
    expect(await db.query('select product_id, other_id, buyers from crm_co_purchases order by 1, 2')).toEqual(
      await db.query(LIVE_PAIRS),
    );
  }
  const contactOf = async (email: string) =>
    (await db.query<{ id: string }>('select id from crm_contacts where email = $1', [email]))[0].id;

  it('follow orders, resent orders, deleted records and products', async () => {
    await order('O1', 'ann@example.com', ['A', 'B', 'A']);
    await order('O2', 'ann@example.com', ['B', 'C']);
    await order('O3', 'bob@example.com', ['A', 'C', 'D']);
    await order('O4', 'cat@example.com', ['A', 'B']);
    await expectLive();
    expect(
      await db.query(`select buyers from crm_co_purchases p join crm_products a on a.id = p.product_id
      join crm_products b on b.id = p.other_id where a.sku = 'A' and b.sku = 'B'`),
    ).toEqual([{ buyers: 2 }]);
    // Resent with other lines: the old lines go, the new ones count.
    await order('O2', 'ann@example.com', ['E']);
    await expectLive();
    await db.query('delete from crm_contacts where id = $1', [await contactOf('cat@example.com')]);
    await expectLive();
    await db.query(`delete from crm_products where sku = 'D'`);
    await expectLive();
  });

  it('hold under concurrent orders for the same customer', async () => {
    await Promise.all([
      order('P1', 'dan@example.com', ['A']),
      order('P2', 'dan@example.com', ['B']),
      order('P3', 'dan@example.com', ['C', 'E']),
      order('P4', 'eve@example.com', ['B', 'C']),
    ]);
    await expectLive();
  });

  it('give the recommendations the live computation gives', async () => {
    const ann = await contactOf('ann@example.com');
    const recs = await db.transaction((tx) =>
      recommend({ tx } as never, { contactId: ann, seedProductIds: [], limit: 5 }),
    );
    // Worked out from LIVE_PAIRS for Ann (owns A, B, E): C is bought with A by Bob and Dan, with B by Dan and Eve.
    const live = await db.query<{ other_id: string; score: number }>(
      `with pairs as (${LIVE_PAIRS}), b as (${LIVE_BUYERS}),
         mine as (select distinct product_id from crm_purchases where contact_id = $1)
       select p.other_id, round(sum(p.buyers / sqrt(bs.buyers * bc.buyers))::numeric, 3)::float8 as score
         from pairs p join b bs on bs.product_id = p.product_id join b bc on bc.product_id = p.other_id
        where p.product_id in (select product_id from mine) and p.other_id not in (select product_id from mine)
        group by 1 order by 2 desc, 1`,
      [ann],
    );
    expect(live.length).toBeGreaterThan(0);
    expect(recs.filter((r) => r.reason.kind === 'co_purchase').map((r) => [r.product.id, r.score])).toEqual(
      live.map((l) => [l.other_id, l.score]),
    );
  });
});
