import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recommend } from '#hub/crm/builtin/recommend';
import { generateCatalog, seededRandom } from '#hub/demo/catalog';
import { generateCompanies, generateContacts, generatePurchases } from '#hub/demo/customers';
import { DEMO_REPS, seedDemo } from '#hub/demo/seed';
import type { Db } from '#hub/storage/db';
import { migrate } from '#hub/storage/migrate';
import { BACKENDS, openTestDb } from './support';

/** The demo shop's generated data (FEATURES E11): deterministic, large enough, and recommendations find its structure. */
describe('demo data generator', () => {
  const NOW = Date.parse('2026-11-21T12:00:00Z');
  const generate = (seed: number) => {
    const r = seededRandom(seed);
    const products = generateCatalog(r, 'http://127.0.0.1:8787');
    const contacts = generateContacts(r, 600, generateCompanies(r, 60), ['r_anna', 'r_ben'], NOW);
    return { products, contacts, purchases: generatePurchases(r, contacts, products, NOW) };
  };

  it('gives the same data for the same seed and different data for another', () => {
    expect(JSON.stringify(generate(7))).toBe(JSON.stringify(generate(7)));
    expect(JSON.stringify(generate(8).purchases)).not.toBe(JSON.stringify(generate(7).purchases));
  });

  it('makes a few hundred products across categories and brands, and thousands of purchases by many customers', () => {
    const { products, contacts, purchases } = generate(7);
    expect(products.length).toBeGreaterThanOrEqual(300);
    expect(new Set(products.map((p) => p.category)).size).toBe(15);
    expect(new Set(products.map((p) => p.brand)).size).toBeGreaterThanOrEqual(15);
    expect(new Set(products.map((p) => p.id)).size).toBe(products.length);
    expect(purchases.length).toBeGreaterThanOrEqual(3000);
    expect(new Set(purchases.map((p) => p.contactId)).size).toBe(contacts.length);
    for (const p of products) expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/demo\//);
  });
});

describe.each(BACKENDS)('demo store on %s', (backend) => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestDb(backend);
    await migrate(db);
    await seedDemo(db, { catalog: true });
  });
  afterEach(() => db.close());

  it('gives the demo customers a card-worthy history and recommendations explained by co-purchases', async () => {
    const [counts] = await db.query<{ p: string; b: string; c: string }>(
      'select (select count(*) from crm_products) as p, (select count(*) from crm_purchases) as b, (select count(*) from crm_contacts) as c',
    );
    expect(Number(counts.p)).toBe(300);
    expect(Number(counts.b)).toBeGreaterThanOrEqual(3000);
    expect(Number(counts.c)).toBe(604);
    const actor = { ...DEMO_REPS[0], mode: 'rep' as const, status: 'online' as const };
    const rs = await recommend({ tx: db, now: Date.now(), actor }, { contactId: 'cu_1', seedProductIds: [], limit: 8 });
    expect(rs).toHaveLength(8);
    expect(rs.every((r) => r.reason.kind === 'co_purchase' && r.reason.customers >= 1)).toBe(true);
    const owned = (
      await db.query<{ product_id: string }>(`select product_id from crm_purchases where contact_id = 'cu_1'`)
    ).map((r) => r.product_id);
    expect(rs.some((r) => owned.includes(r.product.id))).toBe(false);
  });
});
