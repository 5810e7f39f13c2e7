// Owns the customer store's demo seed entry point: the demo companies, customers and sales pool,
// and whether the generated shop (shop-seed.ts) is added.
import type { Sql } from '../storage/db';
import { bulk } from './bulk-insert';
import { seedShop } from './shop-seed';

export { DEMO_SEED } from './shop-seed';

/**
 * The customer store's demo data: the demo customers as persons of their companies, owned by the
 * demo reps; a distribution pool of both reps (FEATURES E5); and, unless turned off, a generated shop —
 * 300 products, 600 customers and a few thousand purchases — so the card and the recommendations
 * have something real to show. Inserted with one statement per table (arrays through unnest), so
 * seeding stays fast.
 */
export const DEMO_POOL_ID = 'pl_sales';
export const DEMO_SHOP_ORIGIN = 'http://127.0.0.1:8787';
const DAY = 86_400_000;

const COMPANIES = [
  {
    id: 'co_bianchi',
    name: 'Bianchi Arredamenti',
    website: 'https://bianchi-arredamenti.example.com',
    industry: 'Furniture',
  },
  { id: 'co_zielinska', name: 'Zielińska Studio', website: 'https://zielinska.example.com', industry: 'Design' },
];

export const DEMO_CONTACTS = [
  {
    id: 'cu_1',
    email: 'maria.bianchi@example.com',
    phone: '+39 055 123 4567',
    name: 'Maria Bianchi',
    company: 'co_bianchi',
    owner: 'r_anna',
    address: 'Via Roma 12, Firenze',
  },
  {
    id: 'cu_2',
    email: 'jonas.keller@example.com',
    phone: '+49 30 5550 1234',
    name: 'Jonas Keller',
    company: null,
    owner: 'r_ben',
    address: 'Torstraße 5, Berlin',
  },
  {
    id: 'cu_3',
    email: 'ewa.zielinska@example.com',
    phone: '+48 22 555 0199',
    name: 'Ewa Zielińska',
    company: 'co_zielinska',
    owner: 'r_ben',
    address: 'ul. Mokotowska 3, Warszawa',
  },
  {
    id: 'cu_4',
    email: 'petr.dvorak@example.com',
    phone: '+420 601 555 123',
    name: 'Petr Dvořák',
    company: null,
    owner: null,
    address: null,
  },
] as const;

export interface CrmDemoOptions {
  /** Generate the shop (catalog, customers, purchases): on for the demo hub (main.ts); off by default so tests stay quick and build their own. */
  catalog?: boolean;
  /** Where product links and images point (the hub serving the demo shop). */
  shopOrigin?: string;
  now?: number;
}

export async function seedCrmDemo(tx: Sql, options: CrmDemoOptions = {}): Promise<void> {
  const now = options.now ?? Date.now();
  await bulk(
    tx,
    'crm_companies',
    [
      ['id', 'text'],
      ['name', 'text'],
      ['website', 'text'],
      ['industry', 'text'],
    ],
    COMPANIES.map((c) => [c.id, c.name, c.website, c.industry]),
  );
  await bulk(
    tx,
    'crm_contacts',
    [
      ['id', 'text'],
      ['kind', 'text'],
      ['name', 'text'],
      ['email', 'text'],
      ['phone', 'text'],
      ['phone_key', 'text'],
      ['address', 'text'],
      ['company_id', 'text'],
      ['owner_id', 'text'],
      ['created_at', 'timestamptz'],
    ],
    DEMO_CONTACTS.map((c) => [
      c.id,
      'person',
      c.name,
      c.email,
      c.phone,
      c.phone.replace(/[^0-9+]/g, ''),
      c.address,
      c.company,
      c.owner,
      new Date(now - 400 * DAY),
    ]),
  );
  await tx.query(`insert into crm_pools (id, name) values ($1, 'Sales team')`, [DEMO_POOL_ID]);
  await tx.query(
    `insert into crm_pool_members (pool_id, rep_id, position) values ($1, 'r_anna', 0), ($1, 'r_ben', 1)`,
    [DEMO_POOL_ID],
  );
  if (options.catalog) await seedShop(tx, options.shopOrigin ?? DEMO_SHOP_ORIGIN, now);
}
