import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '#protocol';
import { superToken } from './data-api-support';
import { csvProduct, importBody, sendImport } from './imports-support';
import { BACKENDS, loginAs, startTestHub } from './support';

/**
 * The console's CSV import on the hub (issue 20): the mapped rows go through the data API's own checks
 * and upserts; refused rows come back with their CSV line; all-or-nothing writes nothing of a file with
 * one bad row, even one bigger than a batch; a preview writes nothing; only super users may import.
 */
describe.each(BACKENDS)('CSV import on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let token: string;
  beforeAll(async () => {
    t = await startTestHub(backend);
    token = await superToken(t.hub.url);
  });
  afterAll(async () => t.stop());

  const count = async (sql: string, params: unknown[]) =>
    Number((await t.db.query<{ n: string }>(`select count(*) as n from ${sql}`, params))[0].n);

  it('writes the good rows and reports each bad one with its CSV line and the data API’s reason', async () => {
    const body = importBody([
      { line: 2, row: csvProduct('IM-1') },
      { line: 3, row: { ...csvProduct('IM-2'), priceCents: -1 } },
      { line: 5, row: csvProduct('IM-3') },
      { line: 6, row: { ...csvProduct('IM-4'), name: '' } },
    ]);
    const res = await sendImport(t.hub.url, token, 'products', 'good', body);
    expect(res.status).toBe(200);
    expect(res.report).toMatchObject({ mode: 'good', total: 4, written: 2 });
    expect(res.report!.refused).toEqual([
      { line: 3, message: expect.stringMatching(/^priceCents: /) },
      { line: 6, message: 'name: name is empty' },
    ]);
    expect(await count('crm_products where sku = any($1)', [['IM-1', 'IM-2', 'IM-3', 'IM-4']])).toBe(2);
  });

  it('reports a row the store refuses (an order of an unknown SKU) by its CSV line', async () => {
    const order = (orderId: string, sku: string) => ({
      orderId,
      email: 'importer@example.com',
      placedAt: '2026-11-30T10:00:00Z',
      lines: [{ sku, quantity: 1, priceCents: 2500 }],
    });
    await sendImport(t.hub.url, token, 'products', 'good', importBody([{ line: 2, row: csvProduct('IM-O') }]));
    const res = await sendImport(
      t.hub.url,
      token,
      'orders',
      'good',
      importBody([
        { line: 2, row: order('IM-ORD-1', 'IM-O') },
        { line: 4, row: order('IM-ORD-2', 'NOPE') },
      ]),
    );
    expect(res.report).toMatchObject({
      written: 1,
      refused: [{ line: 4, message: 'lines: no product with sku "NOPE"' }],
    });
    expect(await count('crm_purchases where order_id = any($1)', [['IM-ORD-1', 'IM-ORD-2']])).toBe(1);
  });

  it('writes nothing of an all-or-nothing file with one bad row past the first batch, and all of a clean one', async () => {
    const size = IMPORT_LIMITS.batchRows + 5;
    const rows = Array.from({ length: size }, (_, i) => ({ line: i + 2, row: csvProduct(`AT-${i}`) }));
    rows[size - 2] = { line: size, row: { ...csvProduct(`AT-${size - 2}`), currency: 'euro' } };
    const refused = await sendImport(t.hub.url, token, 'products', 'atomic', importBody(rows));
    expect(refused.report).toMatchObject({ mode: 'atomic', total: size, written: 0 });
    expect(refused.report!.refused).toEqual([{ line: size, message: expect.stringMatching(/^currency: /) }]);
    expect(refused.lines.filter((l) => 'done' in l).length).toBeGreaterThan(1);
    expect(await count(`crm_products where sku like 'AT-%'`, [])).toBe(0);

    rows[size - 2] = { line: size, row: csvProduct(`AT-${size - 2}`) };
    const clean = await sendImport(t.hub.url, token, 'products', 'atomic', importBody(rows));
    expect(clean.report).toEqual({ mode: 'atomic', total: size, written: size, refused: [] });
    expect(clean.lines.at(-2)).toEqual({ done: size, total: size });
    expect(await count(`crm_products where sku like 'AT-%'`, [])).toBe(size);
  });

  it('previews rows as they would be written, refusals included, and writes none', async () => {
    const body = importBody([
      { line: 2, row: csvProduct('PV-1') },
      { line: 3, row: { ...csvProduct('PV-2'), url: 'javascript:alert(1)' } },
    ]);
    const res = await sendImport(t.hub.url, token, 'products', 'preview', body);
    expect(res.report).toMatchObject({ mode: 'preview', total: 2, written: 1, refused: [{ line: 3 }] });
    expect(await count('crm_products where sku like $1', ['PV-%'])).toBe(0);
    const tooMany = Array.from({ length: IMPORT_LIMITS.previewRows + 1 }, (_, i) => ({ line: i + 2, row: {} }));
    const refused = await sendImport(t.hub.url, token, 'products', 'preview', importBody(tooMany));
    expect(refused).toMatchObject({ status: 413, error: { code: 'too_large' } });
  });

  it('refuses a body that is not mapped rows, naming the body line, before writing anything', async () => {
    const res = await sendImport(
      t.hub.url,
      token,
      'products',
      'good',
      `${JSON.stringify({ line: 2, row: csvProduct('BAD-1') })}\n[1, 2]`,
    );
    expect(res).toMatchObject({ status: 400, error: { message: 'body line 2: one {"line", "row"} object a line' } });
    expect(await count('crm_products where sku = $1', ['BAD-1'])).toBe(0);
  });

  it('refuses a rep (403) and a caller without a token (401), writing nothing', async () => {
    const rep = (await loginAs(t.hub.url, 'anna@demo.parley.test')).body.token;
    const body = importBody([{ line: 2, row: csvProduct('REP-1') }]);
    expect(await sendImport(t.hub.url, rep, 'products', 'good', body)).toMatchObject({ status: 403 });
    expect(await sendImport(t.hub.url, 'nobody', 'products', 'good', body)).toMatchObject({ status: 401 });
    expect(await count('crm_products where sku = $1', ['REP-1'])).toBe(0);
  });
});
