import type { Sql } from '../storage/db';

/**
 * The customer store's demo records: the demo customers as persons of their companies, owned by the
 * demo reps, and a distribution pool of both reps (SPEC E5).
 */
export const DEMO_POOL_ID = 'pl_sales';

const COMPANIES = [
  { id: 'co_bianchi', name: 'Bianchi Arredamenti', website: 'https://bianchi-arredamenti.example', industry: 'Furniture' },
  { id: 'co_zielinska', name: 'Zielińska Studio', website: 'https://zielinska.example', industry: 'Design' },
];

export const DEMO_CONTACTS = [
  { id: 'cu_1', email: 'maria.bianchi@example.com', phone: '+39 055 123 4567', name: 'Maria Bianchi', company: 'co_bianchi', owner: 'r_anna', address: 'Via Roma 12, Firenze' },
  { id: 'cu_2', email: 'jonas.keller@example.com', phone: '+49 30 5550 1234', name: 'Jonas Keller', company: null, owner: 'r_ben', address: 'Torstraße 5, Berlin' },
  { id: 'cu_3', email: 'ewa.zielinska@example.com', phone: '+48 22 555 0199', name: 'Ewa Zielińska', company: 'co_zielinska', owner: 'r_ben', address: 'ul. Mokotowska 3, Warszawa' },
  { id: 'cu_4', email: 'petr.dvorak@example.com', phone: '+420 601 555 123', name: 'Petr Dvořák', company: null, owner: null, address: null },
] as const;

export async function seedCrmRecords(tx: Sql): Promise<void> {
  for (const c of COMPANIES) await tx.query('insert into crm_companies (id, name, website, industry) values ($1, $2, $3, $4)', [c.id, c.name, c.website, c.industry]);
  for (const c of DEMO_CONTACTS) {
    await tx.query(
      `insert into crm_contacts (id, kind, name, email, phone, phone_key, address, company_id, owner_id, created_at)
       values ($1, 'person', $2, $3, $4, regexp_replace($4, '[^0-9+]', '', 'g'), $5, $6, $7, now() - interval '400 days')`,
      [c.id, c.name, c.email, c.phone, c.address, c.company, c.owner],
    );
  }
  await tx.query(`insert into crm_pools (id, name) values ($1, 'Sales team')`, [DEMO_POOL_ID]);
  await tx.query(`insert into crm_pool_members (pool_id, rep_id, position) values ($1, 'r_anna', 0), ($1, 'r_ben', 1)`, [DEMO_POOL_ID]);
}
