import type { CrmCall, StoredPersonalData } from '../connector';

/**
 * What the built-in store holds about one record, read for an export and deleted for an erasure
 * (FEATURES H6). Rows are given as stored (their columns as named in the database), so an export
 * hides nothing the store keeps. The other rows of the record (notes, tasks, tags, emails,
 * purchases, cart lines, activity) go with it by their foreign keys.
 */

/** Each part of the export: a name and the query for its rows (`$1` the record's id). */
const PARTS: [string, string][] = [
  [
    'record',
    `select c.*, co.name as company_name from crm_contacts c left join crm_companies co on co.id = c.company_id where c.id = $1`,
  ],
  ['notes', 'select * from crm_notes where contact_id = $1 order by created_at, id'],
  ['tasks', 'select * from crm_tasks where contact_id = $1 order by created_at, id'],
  ['tags', 'select tag, created_at from crm_tags where contact_id = $1 order by created_at, tag_key'],
  ['emails', 'select * from crm_emails where contact_id = $1 order by at, id'],
  [
    'purchases',
    `select b.*, p.sku, p.name as product_name from crm_purchases b join crm_products p on p.id = b.product_id
      where b.contact_id = $1 order by b.purchased_at, b.id`,
  ],
  [
    'cart',
    `select l.*, p.sku, p.name as product_name from crm_cart_lines l join crm_products p on p.id = l.product_id
      where l.contact_id = $1 order by l.added_at, l.product_id`,
  ],
  ['activity', 'select * from crm_activity where contact_id = $1 order by at, id'],
];

export async function exportContact({ tx }: CrmCall, contactId: string): Promise<StoredPersonalData | null> {
  const parts: Record<string, unknown[]> = {};
  for (const [name, sql] of PARTS) {
    parts[name] = (await tx.query<{ row: unknown }>(`select to_jsonb(t) as row from (${sql}) t`, [contactId])).map(
      (r) => r.row,
    );
  }
  const [record, ...none] = parts.record;
  if (!record || none.length > 0) return null;
  const { record: _record, ...rest } = parts;
  return { record: record as Record<string, unknown>, ...rest };
}

/** Deletes the record and everything of it; how many rows of each kind went (numbers only, for the audit). */
export async function eraseContact({ tx }: CrmCall, contactId: string): Promise<Record<string, number> | null> {
  const counted: Record<string, number> = {};
  for (const [name, table] of [
    ['notes', 'crm_notes'],
    ['tasks', 'crm_tasks'],
    ['emails', 'crm_emails'],
    ['purchases', 'crm_purchases'],
    ['activity', 'crm_activity'],
  ]) {
    const [{ n }] = await tx.query<{ n: string | number }>(`select count(*) as n from ${table} where contact_id = $1`, [
      contactId,
    ]);
    counted[name] = Number(n);
  }
  const gone = await tx.query('delete from crm_contacts where id = $1 returning id', [contactId]);
  if (gone.length === 0) return null;
  return { records: 1, ...counted };
}
