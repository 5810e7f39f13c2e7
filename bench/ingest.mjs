// The data API's bulk ingest rate (issue 20): a real hub (in this process, its own modules through
// tsx) on loopback, on PGlite (in a temp folder, as `npm start` runs) and on a PostgreSQL started in a
// temp folder; NDJSON bulk requests of products, then of orders (each order a few lines of those
// products, for new customers), timed from the request to the answer. Rows/s, median of several requests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { startTempPostgres } from '../scripts/temp-postgres.mjs';

register();
const { openDb } = await import('#hub/storage/db');
const { startHub } = await import('#hub/server');
const { createKey } = await import('#hub/ingest/api-keys');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ndjson = (rows) => rows.map((r) => JSON.stringify(r)).join('\n');

const product = (i) => ({
  sku: `B-${i}`,
  name: `Bench product ${i}`,
  brand: `Brand ${i % 30}`,
  category: `Category ${i % 12}`,
  priceCents: 500 + (i % 5000),
});
const order = (run, i, products) => ({
  orderId: `BO-${run}-${i}`,
  email: `buyer.${run}.${i}@bench.test`,
  placedAt: '2026-11-30T10:00:00Z',
  lines: [0, 1, 2].slice(0, 1 + (i % 3)).map((k) => ({
    sku: `B-${(i * 7 + k * 13) % products}`,
    quantity: 1 + k,
    priceCents: 900,
  })),
});

async function post(url, secret, path, body) {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/v1/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-ndjson' },
    body,
  });
  const report = await res.json();
  const s = (performance.now() - t0) / 1000;
  if (res.status !== 200 || report.refused.length)
    throw new Error(`bulk ${path}: ${res.status} ${JSON.stringify(report).slice(0, 300)}`);
  return { s, written: report.written };
}

/** Rows/s of `runs` bulk requests of `rows` products, then of `rows` orders, on one database. */
async function rates(db, { rows, runs }) {
  const hub = await startHub({ db, port: 0, timers: false });
  try {
    const { secret } = await createKey(db, { name: 'bench', scopes: ['products', 'orders'] }, null);
    const products = [];
    for (let run = 0; run < runs; run++) {
      const { s, written } = await post(
        hub.url,
        secret,
        'products/bulk',
        ndjson(Array.from({ length: rows }, (_, i) => product(run * rows + i))),
      );
      products.push(written / s);
    }
    const orders = [];
    let lines = 0;
    for (let run = 0; run < runs; run++) {
      const batch = Array.from({ length: rows }, (_, i) => order(run, i, rows * runs));
      lines = batch.reduce((n, o) => n + o.lines.length, 0);
      const { s, written } = await post(hub.url, secret, 'orders/bulk', ndjson(batch));
      orders.push(written / s);
    }
    return { products: median(products), orders: median(orders), linesPerOrder: lines / rows };
  } finally {
    await hub.close();
  }
}

export async function ingestBench({ rows = 2_000, runs = 5 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-ingest-'));
  const results = {};
  try {
    const lite = await openDb({ dataDir: dir });
    try {
      results.PGlite = await rates(lite, { rows, runs });
    } finally {
      await lite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const server = await startTempPostgres(['fsync=off']);
  const pg = await openDb({ databaseUrl: server.url });
  try {
    results.PostgreSQL = await rates(pg, { rows, runs });
  } finally {
    await pg.close();
    await server.stop();
  }
  return results;
}

export const ingestTable = (results, rows) =>
  Object.fromEntries(
    Object.entries(results).map(([name, r]) => [
      name,
      {
        'rows a request': rows,
        'products rows/s': Math.round(r.products),
        'orders rows/s': Math.round(r.orders),
        'order lines/s': Math.round(r.orders * r.linesPerOrder),
      },
    ]),
  );

// Run alone: node bench/ingest.mjs [rows a request] [requests]
if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadavg } = await import('node:os');
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
  console.log(`load average at start: ${load()}`);
  const rows = Number(process.argv[2] ?? 2_000);
  console.table(ingestTable(await ingestBench({ rows, runs: Number(process.argv[3] ?? 5) }), rows));
  console.log(`load average at end: ${load()}`);
}
