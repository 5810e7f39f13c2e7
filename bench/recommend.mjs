// Recommendations with a million order lines (issue 20, FEATURES E11): a PostgreSQL started in a temp
// folder, a catalog, customers and 1,000,000 purchase lines made with generate_series (popular products
// bought more, as in a shop), then the card's recommendations for customers with a few purchases, median
// ms of several runs. The hub's own module (crm/builtin/recommend.ts, loaded through tsx) is what is timed.
import { register } from 'tsx/esm/api';
import { startTempPostgres } from '../scripts/temp-postgres.mjs';

register();
const { openDb } = await import('#hub/storage/db');
const { migrate } = await import('#hub/storage/migrate');
const { recommend } = await import('#hub/crm/builtin/recommend');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `lines` purchase lines over `products` products and lines/5 customers; the product skewed to the popular. */
export async function generatePurchases(db, { lines, products }) {
  const customers = Math.max(1, Math.floor(lines / 5));
  const t0 = performance.now();
  await db.query(
    `insert into crm_products (id, sku, name, brand, category, price_cents)
     select 'pr' || i, 'SKU-' || i, 'Product ' || i, 'Brand ' || (i % 40), 'Category ' || (i % 25), 1000 + i
       from generate_series(1, $1) i`,
    [products],
  );
  await db.query(
    `insert into crm_contacts (id, kind, name, email)
     select 'ct' || i, 'person', 'Customer ' || i, 'c' || i || '@bench.test' from generate_series(1, $1) i`,
    [customers],
  );
  // Each customer's lines come together in orders of two; the product is skewed (x² of a uniform draw).
  // Loaded with the counting trigger off, then counted set-based (as migration 0028 counts what is held).
  await db.query('alter table crm_purchases disable trigger crm_purchases_counted');
  await db.query(
    `insert into crm_purchases (id, contact_id, product_id, order_id, quantity, price_cents, purchased_at, source)
     select 'pu' || i, 'ct' || (1 + (i / 5) % $2), 'pr' || (1 + floor(power(random(), 2) * $3))::int, 'o' || (i / 2),
            1, 1000, now() - make_interval(days => i % 700), 'api'
       from generate_series(0, $1 - 1) i`,
    [lines, customers, products],
  );
  await db.query('alter table crm_purchases enable trigger crm_purchases_counted');
  const counted = performance.now();
  await db.query('select crm_co_purchases_rebuild()');
  await db.query('analyze');
  return { customers, generateS: (counted - t0) / 1000, rebuildS: (performance.now() - counted) / 1000 };
}

/** Median ms to write one order of three lines (the triggers keeping the counts) for an existing customer. */
async function timeOrders(db, { customers, products, orders }) {
  const times = [];
  for (let i = 0; i < orders; i++) {
    const contact = `ct${1 + ((i * 7919) % customers)}`;
    const lines = [0, 1, 2].map((k) => `pr${1 + ((i * 31 + k * 17) % products)}`);
    const t0 = performance.now();
    await db.transaction((tx) =>
      tx.query(
        `insert into crm_purchases (id, contact_id, product_id, order_id, quantity, price_cents, purchased_at, source)
         select 'bo' || $1 || '-' || k, $2, p, 'bench-order-' || $1, 1, 1000, now(), 'api'
           from unnest($3::text[]) with ordinality as l(p, k)`,
        [i, contact, lines],
      ),
    );
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * The baseline, timed beside it on the same data: the co-purchase counts of a customer's products
 * computed from the purchase lines at each read, as the card did before migration 0028.
 */
const LIVE_PAIRS = `with seeds as (select distinct product_id from crm_purchases where contact_id = $1),
  pairs as (
    select b1.product_id as seed, b2.product_id as cand, count(distinct b1.contact_id) as co
      from crm_purchases b1 join crm_purchases b2 on b2.contact_id = b1.contact_id and b2.product_id <> b1.product_id
     where b1.product_id in (select product_id from seeds) and b1.contact_id <> $1
     group by 1, 2),
  buyers as (
    select product_id, count(distinct contact_id) as n from crm_purchases
     where product_id in (select seed from pairs union select cand from pairs) group by 1)
  select p.seed, p.cand, p.co, bs.n, bc.n
    from pairs p join buyers bs on bs.product_id = p.seed join buyers bc on bc.product_id = p.cand`;

/** Median ms, over `samples` customers each `runs` times, of the card's recommendations and of the baseline. */
export async function timeRecommendations(db, { customers, samples = 5, runs = 3, limit = 8 }) {
  const card = [];
  const live = [];
  for (let s = 0; s < samples; s++) {
    const contactId = `ct${1 + Math.floor(((s + 0.5) / samples) * customers)}`;
    for (let r = 0; r < runs; r++) {
      let t0 = performance.now();
      await db.transaction((tx) => recommend({ tx }, { contactId, seedProductIds: [], limit }));
      card.push(performance.now() - t0);
      t0 = performance.now();
      await db.query(LIVE_PAIRS, [contactId]);
      live.push(performance.now() - t0);
    }
  }
  return { cardMs: median(card), liveMs: median(live) };
}

export async function recommendBench({ lines = 1_000_000, products = 2_000, runs = 3 } = {}) {
  const server = await startTempPostgres(['fsync=off', 'shared_buffers=256MB']);
  const db = await openDb({ databaseUrl: server.url });
  try {
    await migrate(db);
    const { customers, generateS, rebuildS } = await generatePurchases(db, { lines, products });
    const orderMs = await timeOrders(db, { customers, products, orders: 20 });
    const reads = await timeRecommendations(db, { customers, runs });
    return { lines, products, customers, generateS, rebuildS, orderMs, ...reads };
  } finally {
    await db.close();
    await server.stop();
  }
}

export const recommendTable = (r) => ({
  PostgreSQL: {
    'order lines': r.lines,
    'generated s': r.generateS.toFixed(1),
    'counted afresh s': r.rebuildS.toFixed(1),
    'one 3-line order with upkeep, median ms': r.orderMs.toFixed(1),
    "card's recommendations, median ms": r.cardMs.toFixed(1),
    'baseline: counted from the lines, median ms': r.liveMs.toFixed(1),
    'baseline ÷ card': `${(r.liveMs / r.cardMs).toFixed(0)}×`,
  },
});

// Run alone: node bench/recommend.mjs [lines]
if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadavg } = await import('node:os');
  console.log(
    `load average at start: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  console.table(recommendTable(await recommendBench({ lines: Number(process.argv[2] ?? 1_000_000) })));
  console.log(
    `load average at end: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
}
