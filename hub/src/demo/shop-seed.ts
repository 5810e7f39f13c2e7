// Owns the demo shop's seed: the generated catalog, customers, purchases and emails, and the demo
// customers' own story (purchases, cart, emails, tags, a note and a task) for the card to show.
import type { Sql } from '../storage/db';
import { bulk } from './bulk-insert';
import { generateCatalog, seededRandom } from './catalog';
import { generateCompanies, generateContacts, generateEmails, generatePurchases } from './customers';

/** The generated shop's random seed: the same shop on every start. */
export const DEMO_SEED = 20261121;
const DAY = 86_400_000;
const HOUR = 3_600_000;

export async function seedShop(tx: Sql, origin: string, now: number): Promise<void> {
  const r = seededRandom(DEMO_SEED);
  const products = generateCatalog(r, origin);
  const companies = generateCompanies(r, 60);
  const contacts = generateContacts(r, 600, companies, ['r_anna', 'r_ben', 'r_alex'], now);
  const purchases = generatePurchases(r, contacts, products, now);
  const emails = generateEmails(r, contacts, now);

  await bulk(
    tx,
    'crm_products',
    [
      ['id', 'text'],
      ['sku', 'text'],
      ['name', 'text'],
      ['brand', 'text'],
      ['category', 'text'],
      ['price_cents', 'int'],
      ['image_url', 'text'],
      ['url', 'text'],
    ],
    products.map((p) => [p.id, p.sku, p.name, p.brand, p.category, p.priceCents, p.imageUrl, p.url]),
  );
  await bulk(
    tx,
    'crm_companies',
    [
      ['id', 'text'],
      ['name', 'text'],
      ['website', 'text'],
      ['industry', 'text'],
    ],
    companies.map((c) => [c.id, c.name, c.website, c.industry]),
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
    contacts.map((c) => [
      c.id,
      'person',
      c.name,
      c.email,
      c.phone,
      c.phone.replace(/[^0-9+]/g, ''),
      c.address,
      c.companyId,
      c.ownerId,
      c.createdAt,
    ]),
  );
  // The demo customers' own story: a history to recommend from, and a busy last day for the card.
  const p = (id: string) => products.find((x) => x.id === id)!;
  const own: [string, string, number, number][] = [
    ['cu_1', 'pr_desks_01', 1, 200 * DAY],
    ['cu_1', 'pr_chairs_01', 2, 200 * DAY],
    ['cu_1', 'pr_tables_02', 1, 60 * DAY],
    ['cu_1', 'pr_lighting_03', 1, 5 * HOUR],
    ['cu_2', 'pr_cookware_01', 1, 90 * DAY],
    ['cu_2', 'pr_kitchen_02', 1, 90 * DAY],
    ['cu_2', 'pr_tableware_04', 1, 10 * HOUR],
    ['cu_3', 'pr_sofas_02', 1, 30 * DAY],
    ['cu_3', 'pr_rugs_01', 1, 30 * DAY],
  ];
  const ownPurchases = own.map(([contactId, productId, quantity, ago], i) => ({
    id: `pu_demo_own_${i + 1}`,
    contactId,
    productId,
    orderId: `or_demo_own_${contactId}_${ago}`,
    quantity,
    priceCents: p(productId).priceCents,
    purchasedAt: new Date(now - ago),
  }));
  await bulk(
    tx,
    'crm_purchases',
    [
      ['id', 'text'],
      ['contact_id', 'text'],
      ['product_id', 'text'],
      ['order_id', 'text'],
      ['quantity', 'int'],
      ['price_cents', 'int'],
      ['purchased_at', 'timestamptz'],
    ],
    [...purchases, ...ownPurchases].map((b) => [
      b.id,
      b.contactId,
      b.productId,
      b.orderId,
      b.quantity,
      b.priceCents,
      b.purchasedAt,
    ]),
  );
  await bulk(
    tx,
    'crm_cart_lines',
    [
      ['contact_id', 'text'],
      ['product_id', 'text'],
      ['quantity', 'int'],
      ['added_at', 'timestamptz'],
    ],
    [
      ['cu_1', 'pr_textiles_02', 2, new Date(now - 3 * HOUR)],
      ['cu_1', 'pr_decor_05', 1, new Date(now - 2 * HOUR)],
      ['cu_3', 'pr_textiles_01', 1, new Date(now - 20 * HOUR)],
    ],
  );
  const ownEmails = [
    {
      id: 'em_demo_own_1',
      contactId: 'cu_1',
      direction: 'in',
      subject: 'Matching chairs for the oak table?',
      snippet: 'Hello, do you have chairs that go with the table I bought…',
      at: new Date(now - 2 * DAY),
    },
    {
      id: 'em_demo_own_2',
      contactId: 'cu_1',
      direction: 'out',
      subject: 'Your order has shipped',
      snippet: 'Your desk lamp is on its way…',
      at: new Date(now - 4 * HOUR),
    },
    {
      id: 'em_demo_own_3',
      contactId: 'cu_2',
      direction: 'in',
      subject: 'Invoice request',
      snippet: 'Could you send the invoice for my last order?',
      at: new Date(now - 6 * DAY),
    },
  ];
  await bulk(
    tx,
    'crm_emails',
    [
      ['id', 'text'],
      ['contact_id', 'text'],
      ['direction', 'text'],
      ['subject', 'text'],
      ['snippet', 'text'],
      ['at', 'timestamptz'],
    ],
    [...emails, ...ownEmails].map((e) => [e.id, e.contactId, e.direction, e.subject, e.snippet, e.at]),
  );
  await bulk(
    tx,
    'crm_activity',
    [
      ['id', 'text'],
      ['contact_id', 'text'],
      ['type', 'text'],
      ['title', 'text'],
      ['at', 'timestamptz'],
    ],
    [...emails, ...ownEmails].map((e) => [`ac_${e.id}`, e.contactId, 'email', e.subject, e.at]),
  );
  await bulk(
    tx,
    'crm_tags',
    [
      ['contact_id', 'text'],
      ['tag', 'text'],
      ['tag_key', 'text'],
    ],
    [
      ['cu_1', 'Trade customer', 'trade customer'],
      ['cu_1', 'Newsletter', 'newsletter'],
      ['cu_3', 'VIP', 'vip'],
    ],
  );
  await tx.query(
    `insert into crm_notes (id, contact_id, text, author_id, created_at) values ('nt_demo_1', 'cu_1', 'Furnishing a second showroom in Prato this spring.', 'r_anna', $1)`,
    [new Date(now - 20 * DAY)],
  );
  await tx.query(
    `insert into crm_activity (id, contact_id, type, title, actor_id, at) values ('ac_nt_demo_1', 'cu_1', 'note', 'Furnishing a second showroom in Prato this spring.', 'r_anna', $1)`,
    [new Date(now - 20 * DAY)],
  );
  await tx.query(
    `insert into crm_tasks (id, contact_id, title, assignee_id, due_date, created_by, created_at) values ('tk_demo_1', 'cu_1', 'Send the showroom quote', 'r_anna', $1, 'r_anna', $2)`,
    [new Date(now + 3 * DAY).toISOString().slice(0, 10), new Date(now - 20 * DAY)],
  );
  await tx.query(
    `insert into crm_activity (id, contact_id, type, title, actor_id, at) values ('ac_tk_demo_1', 'cu_1', 'task', 'Send the showroom quote', 'r_anna', $1)`,
    [new Date(now - 20 * DAY)],
  );
}
