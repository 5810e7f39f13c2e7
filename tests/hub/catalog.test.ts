import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card } from '#hub/crm/builtin/card';
import { recommend } from '#hub/crm/builtin/recommend';
import { DEMO_REPS } from '#hub/demo/seed';
import { repActor, type RepActor } from './actors';
import { crm } from './crm-support';
import { superToken } from './data-api-support';
import { csvProduct, importBody, sendImport } from './imports-support';
import { BACKENDS, loginAs, startTestHub } from './support';

/**
 * The console's catalog on the hub (issue 20; FEATURES E10): super users find products by name or SKU
 * and edit them; a hidden product leaves the rep's gallery and every recommendation, yet stays in the
 * purchases of those who bought it.
 */
describe.each(BACKENDS)('catalog on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let token: string;
  let anna: RepActor;
  const annaProfile = { ...DEMO_REPS[0], mode: 'rep' as const, status: 'online' as const };
  beforeAll(async () => {
    t = await startTestHub(backend);
    token = await superToken(t.hub.url);
    anna = await repActor(t.hub, 'anna@demo.parley.test');
    const order = (orderId: string, email: string, skus: string[]) => ({
      orderId,
      email,
      placedAt: new Date(Date.now() - 3_600_000).toISOString(),
      lines: skus.map((sku) => ({ sku, quantity: 1, priceCents: 2500 })),
    });
    await sendImport(
      t.hub.url,
      token,
      'products',
      'good',
      importBody([
        { line: 2, row: { ...csvProduct('ZK-1', 'Zephyr kettle'), category: 'Zephyr' } },
        { line: 3, row: { ...csvProduct('ZK-2', 'Zephyr teapot'), category: 'Zephyr', brand: 'Zephyrware' } },
      ]),
    );
    await sendImport(
      t.hub.url,
      token,
      'orders',
      'good',
      importBody([
        { line: 2, row: order('ZK-O1', 'both@example.com', ['ZK-1', 'ZK-2']) },
        { line: 3, row: order('ZK-O2', 'kettle@example.com', ['ZK-1']) },
      ]),
    );
  });
  afterAll(async () => {
    anna.close();
    await t.stop();
  });

  const catalog = async (query: string, who = token) => {
    const res = await fetch(`${t.hub.url}/api/admin/catalog?${query}`, { headers: { authorization: `Bearer ${who}` } });
    return { status: res.status, body: await res.json() };
  };
  const save = async (id: string, body: unknown, who = token) => {
    const res = await fetch(`${t.hub.url}/api/admin/catalog/${id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${who}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  const contactId = async (email: string) =>
    (await t.db.query<{ id: string }>('select id from crm_contacts where email = $1', [email]))[0].id;
  const recommended = async (email: string) =>
    (
      await recommend(
        { tx: t.db, now: Date.now(), actor: annaProfile },
        { contactId: await contactId(email), seedProductIds: [], limit: 10 },
      )
    ).map((r) => r.product.sku);
  const gallery = async (query: string) =>
    await crm(anna, { op: 'searchProducts', query, brand: null, category: null });

  it('finds a product by SKU or by name words and saves an edit of its fields', async () => {
    const bySku = await catalog('q=zk-2');
    expect(bySku.body).toMatchObject({
      more: false,
      products: [{ sku: 'ZK-2', name: 'Zephyr teapot', hidden: false }],
    });
    expect((await catalog('q=zephyr kettle')).body.products.map((p: { sku: string }) => p.sku)).toEqual(['ZK-1']);
    const { id, sku: _sku, ...fields } = bySku.body.products[0];
    const saved = await save(id, {
      ...fields,
      name: 'Zephyr teapot, blue',
      priceCents: 3100,
      url: 'https://shop.example/zk-2',
    });
    expect(saved).toMatchObject({
      status: 200,
      body: { product: { id, name: 'Zephyr teapot, blue', priceCents: 3100 } },
    });
    expect(await t.db.query('select name, price_cents, url from crm_products where id = $1', [id])).toEqual([
      { name: 'Zephyr teapot, blue', price_cents: 3100, url: 'https://shop.example/zk-2' },
    ]);
    expect(await save(id, { ...fields, url: 'javascript:alert(1)' })).toMatchObject({ status: 400 });
  });

  it('hides a product from the gallery, its brand list and recommendations, but not from past purchases', async () => {
    expect(await recommended('kettle@example.com')).toContain('ZK-2');
    const before = await gallery('zephyr');
    expect(before.products.map((p: { sku: string }) => p.sku)).toEqual(['ZK-1', 'ZK-2']);
    expect(before.brands).toContain('Zephyrware');

    const [product] = (await catalog('q=ZK-2')).body.products;
    const { id, sku: _sku, ...fields } = product;
    expect(await save(id, { ...fields, hidden: true })).toMatchObject({ body: { product: { hidden: true } } });

    const after = await gallery('zephyr');
    expect(after.products.map((p: { sku: string }) => p.sku)).toEqual(['ZK-1']);
    expect(after.brands).not.toContain('Zephyrware');
    expect(await recommended('kettle@example.com')).not.toContain('ZK-2');
    expect((await catalog('q=ZK&hidden=only')).body.products.map((p: { sku: string }) => p.sku)).toEqual(['ZK-2']);
    const bought = await card({ tx: t.db, now: Date.now(), actor: annaProfile }, await contactId('both@example.com'));
    expect(bought.purchases.map((p) => p.product.sku)).toContain('ZK-2');
  });

  it('refuses a rep the catalog (403) and answers 404 for an unknown product', async () => {
    const rep = (await loginAs(t.hub.url, 'ben@demo.parley.test')).body.token;
    expect((await catalog('q=ZK', rep)).status).toBe(403);
    const [product] = (await catalog('q=ZK-1')).body.products;
    const { id: _id, sku: _sku, ...fields } = product;
    expect((await save(product.id, fields, rep)).status).toBe(403);
    expect((await save('pr_nope', fields)).status).toBe(404);
  });
});
