import type { ApiCompany, ApiContact, ApiEmail, ApiEvent, ApiOrder, ApiProduct, ApiWritten } from '#protocol';
import { phoneKey } from '../crm/phone';
import type { Sql } from '../storage/db';
import { newId } from '../storage/ids';
import { markContactChanged } from './contact-changes';

/**
 * The data API's writes into the built-in customer store (FEATURES E2, E10, E11; issue 20), shared by
 * `/api/v1/`, the shop webhooks and the widget's checkout report. Each is an upsert by the shop's own
 * key — a product's SKU, a company's external id, a contact's email, an order's id, an email's or an
 * event's external id — so sending the same row twice leaves one record. A row that names something
 * the store does not have throws RowRefused; the caller decides whether that stops the others.
 */

export class RowRefused extends Error {}

/** Where a purchase came from (crm_purchases.source): the page's own report is replaced by the shop's order. */
export type PurchaseSource = 'api' | 'woocommerce' | 'shopify' | 'page';

type Created = { id: string; created: boolean };

export async function upsertProduct(tx: Sql, p: ApiProduct): Promise<ApiWritten> {
  const [row] = await tx.query<Created>(
    `insert into crm_products (id, sku, name, brand, category, price_cents, currency, image_url, url)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (sku) do update set name = excluded.name, brand = excluded.brand, category = excluded.category,
       price_cents = excluded.price_cents, currency = excluded.currency, image_url = excluded.image_url, url = excluded.url
     returning id, (xmax = 0) as created`,
    [newId('pr'), p.sku, p.name, p.brand, p.category, p.priceCents, p.currency, p.imageUrl, p.url],
  );
  return row;
}

export async function upsertCompany(tx: Sql, c: ApiCompany): Promise<ApiWritten> {
  const [row] = await tx.query<Created>(
    `insert into crm_companies (id, external_id, name, website, phone, address, industry)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (external_id) where external_id is not null do update set name = excluded.name,
       website = excluded.website, phone = excluded.phone, address = excluded.address, industry = excluded.industry
     returning id, (xmax = 0) as created`,
    [newId('co'), c.externalId, c.name, c.website, c.phone, c.address, c.industry],
  );
  return row;
}

async function companyId(tx: Sql, externalId: string | null): Promise<string | null> {
  if (externalId === null) return null;
  const [row] = await tx.query<{ id: string }>('select id from crm_companies where external_id = $1', [externalId]);
  if (!row) throw new RowRefused(`companyExternalId: no company with external id ${JSON.stringify(externalId)}`);
  return row.id;
}

/** A lead or a person by email; a lead may become a person, a person never goes back to being a lead. */
export async function upsertContact(tx: Sql, c: ApiContact, source = 'api'): Promise<ApiWritten> {
  const company = await companyId(tx, c.companyExternalId);
  const [row] = await tx.query<Created>(
    `insert into crm_contacts (id, kind, name, email, phone, phone_key, address, company_id, source)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (email) where email is not null do update set name = excluded.name,
       kind = case when crm_contacts.kind = 'person' then 'person' else excluded.kind end,
       phone = coalesce(excluded.phone, crm_contacts.phone), phone_key = coalesce(excluded.phone_key, crm_contacts.phone_key),
       address = coalesce(excluded.address, crm_contacts.address), company_id = coalesce(excluded.company_id, crm_contacts.company_id)
     returning id, (xmax = 0) as created`,
    [newId('ct'), c.kind, c.name, c.email, c.phone, phoneKey(c.phone), c.address, company, source],
  );
  markContactChanged(tx, row.id);
  return row;
}

async function contactByEmail(tx: Sql, email: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>('select id from crm_contacts where email = $1', [email]);
  if (!row) throw new RowRefused(`email: no contact with the email ${email}`);
  return row.id;
}

/** The buyer: the contact with this email, or a new person (a customer who ordered is one). */
async function buyer(tx: Sql, email: string, name: string | undefined, source: string): Promise<string> {
  const [found] = await tx.query<{ id: string }>('select id from crm_contacts where email = $1', [email]);
  if (found) return found.id;
  const [made] = await tx.query<{ id: string }>(
    `insert into crm_contacts (id, kind, name, email, source) values ($1, 'person', $2, $3, $4)
     on conflict (email) where email is not null do update set email = excluded.email returning id`,
    [newId('ct'), name ?? email.split('@')[0], email, source],
  );
  return made.id;
}

/**
 * An order's lines become purchases of its buyer, replacing any earlier version of the same order
 * (a resent order, or the page's own report of a checkout, FEATURES G1). Every SKU must be in the catalog.
 */
export async function upsertOrder(tx: Sql, o: ApiOrder, source: PurchaseSource = 'api'): Promise<ApiWritten> {
  const skus = [...new Set(o.lines.map((l) => l.sku))];
  const products = new Map(
    (await tx.query<{ id: string; sku: string }>('select id, sku from crm_products where sku = any($1)', [skus])).map(
      (r) => [r.sku, r.id],
    ),
  );
  const missing = skus.filter((s) => !products.has(s));
  if (missing.length > 0)
    throw new RowRefused(`lines: no product with sku ${missing.map((s) => JSON.stringify(s)).join(', ')}`);
  const contactId = await buyer(tx, o.email, o.name, source === 'page' ? 'api' : source);
  markContactChanged(tx, contactId);
  const before = await tx.query('delete from crm_purchases where order_id = $1 returning id', [o.orderId]);
  await tx.query(
    `insert into crm_purchases (id, contact_id, product_id, order_id, quantity, price_cents, purchased_at, source)
     select l.id, $1, l.product_id, $2, l.quantity, l.price_cents, $3, $4
       from unnest($5::text[], $6::text[], $7::int[], $8::int[]) as l(id, product_id, quantity, price_cents)`,
    [
      contactId,
      o.orderId,
      o.placedAt,
      source,
      o.lines.map(() => newId('pu')),
      o.lines.map((l) => products.get(l.sku)!),
      o.lines.map((l) => l.quantity),
      o.lines.map((l) => l.priceCents),
    ],
  );
  return { id: o.orderId, created: before.length === 0 };
}

/** An email in the contact's activity (FEATURES E2): the email row and its feed entry, both by external id. */
export async function upsertEmail(tx: Sql, e: ApiEmail): Promise<ApiWritten> {
  const contactId = await contactByEmail(tx, e.email);
  const [row] = await tx.query<Created>(
    `insert into crm_emails (id, external_id, contact_id, direction, subject, snippet, at) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (external_id) where external_id is not null do update set contact_id = excluded.contact_id,
       direction = excluded.direction, subject = excluded.subject, snippet = excluded.snippet, at = excluded.at
     returning id, (xmax = 0) as created`,
    [newId('em'), e.externalId, contactId, e.direction, e.subject, e.snippet, e.at],
  );
  await tx.query(
    `insert into crm_activity (id, contact_id, type, title, at) values ($1, $2, 'email', $3, $4)
     on conflict (id) do update set contact_id = excluded.contact_id, title = excluded.title, at = excluded.at`,
    [`ac_${row.id}`, contactId, e.subject, e.at],
  );
  markContactChanged(tx, contactId);
  return row;
}

export async function upsertEvent(tx: Sql, e: ApiEvent): Promise<ApiWritten> {
  const contactId = await contactByEmail(tx, e.email);
  const [row] = await tx.query<Created>(
    `insert into crm_custom_events (id, external_id, contact_id, name, properties, at) values ($1, $2, $3, $4, $5, $6)
     on conflict (external_id) do update set contact_id = excluded.contact_id, name = excluded.name,
       properties = excluded.properties, at = excluded.at
     returning id, (xmax = 0) as created`,
    [newId('ev'), e.externalId, contactId, e.name, JSON.stringify(e.properties), e.at],
  );
  markContactChanged(tx, contactId);
  return row;
}
