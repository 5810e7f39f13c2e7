import type { ContactSummary, CrmNote, Product, Task } from '#protocol';
import type { Sql } from '../../storage/db';

/** Row → wire mapping for the built-in store, in one place. */

export type ProductRow = {
  id: string;
  sku: string;
  name: string;
  brand: string;
  category: string;
  price_cents: number;
  currency: string;
  image_url: string | null;
  url: string | null;
};

export const toProduct = (r: ProductRow): Product => ({
  id: r.id,
  sku: r.sku,
  name: r.name,
  brand: r.brand,
  category: r.category,
  priceCents: Number(r.price_cents),
  currency: r.currency,
  imageUrl: r.image_url,
  url: r.url,
});

/** Product columns under a prefix (`p.`), for joins that return a product beside other columns. */
export const PRODUCT_COLUMNS = (p: string) =>
  `${p}.id as p_id, ${p}.sku as p_sku, ${p}.name as p_name, ${p}.brand as p_brand, ${p}.category as p_category, ${p}.price_cents as p_price_cents, ${p}.currency as p_currency, ${p}.image_url as p_image_url, ${p}.url as p_url`;

export const prefixedProduct = (r: Record<string, unknown>): Product =>
  toProduct({
    id: r.p_id as string,
    sku: r.p_sku as string,
    name: r.p_name as string,
    brand: r.p_brand as string,
    category: r.p_category as string,
    price_cents: r.p_price_cents as number,
    currency: r.p_currency as string,
    image_url: r.p_image_url as string | null,
    url: r.p_url as string | null,
  });

type ContactRow = {
  id: string;
  kind: ContactSummary['kind'];
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  company_id: string | null;
  company_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  source: string | null;
  created_at: Date;
  custom: Record<string, unknown>;
};

export const CONTACT_SELECT = `select c.*, co.name as company_name, r.name as owner_name
  from crm_contacts c left join crm_companies co on co.id = c.company_id left join reps r on r.id = c.owner_id`;

export const toSummary = (r: ContactRow): ContactSummary => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  email: r.email,
  phone: r.phone,
  address: r.address,
  company: r.company_id ? { id: r.company_id, name: r.company_name ?? '' } : null,
  owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
  fromChat: r.source === 'chat',
  createdAt: r.created_at.toISOString(),
});

export async function loadContact(
  tx: Sql,
  id: string,
): Promise<(ContactSummary & { custom: Record<string, unknown>; source: string | null }) | null> {
  const [row] = await tx.query<ContactRow>(`${CONTACT_SELECT} where c.id = $1`, [id]);
  return row ? { ...toSummary(row), custom: row.custom ?? {}, source: row.source } : null;
}

type NoteRow = {
  id: string;
  kind: CrmNote['kind'];
  text: string;
  author_id: string | null;
  author_name: string | null;
  created_at: Date;
};
export const NOTE_SELECT = `select n.*, r.name as author_name from crm_notes n left join reps r on r.id = n.author_id`;
export const toNote = (r: NoteRow): CrmNote => ({
  id: r.id,
  kind: r.kind,
  text: r.text,
  author: r.author_id ? { id: r.author_id, name: r.author_name ?? '' } : null,
  createdAt: r.created_at.toISOString(),
});

type TaskRow = {
  id: string;
  title: string;
  assignee_id: string | null;
  assignee_name: string | null;
  due_date: Date | string | null;
  done: boolean;
  created_by: string | null;
  creator_name: string | null;
  created_at: Date;
};
export const TASK_SELECT = `select t.*, a.name as assignee_name, cr.name as creator_name, to_char(t.due_date, 'YYYY-MM-DD') as due_day
  from crm_tasks t left join reps a on a.id = t.assignee_id left join reps cr on cr.id = t.created_by`;
export const toTask = (r: TaskRow & { due_day: string | null }): Task => ({
  id: r.id,
  title: r.title,
  assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
  dueDate: r.due_day,
  done: r.done,
  createdBy: r.created_by ? { id: r.created_by, name: r.creator_name ?? '' } : null,
  createdAt: r.created_at.toISOString(),
});
