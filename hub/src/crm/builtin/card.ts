import { CRM_LIMITS, type ContactCard, type EmailSummary } from '#protocol';
import { HubError } from '../../inbox/errors';
import type { Sql } from '../../storage/db';
import type { CrmCall } from '../connector';
import { scoreFrom, SPEND_STEP_CENTS, type ScoreCounts } from '../scoring';
import { contactStandardValues, fieldsFor, layouts } from './layouts';
import { tagsOf } from './records';
import { loadContact, NOTE_SELECT, PRODUCT_COLUMNS, prefixedProduct, TASK_SELECT, toNote, toTask } from './rows';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The card of one record (FEATURES E2), all read in the caller's transaction. */
export async function card(call: CrmCall, contactId: string): Promise<Omit<ContactCard, 'canEdit'>> {
  const { tx, now } = call;
  const contact = await loadContact(tx, contactId);
  if (!contact) throw new HubError('not_found', 'no such record');
  const all = await layouts(call);
  const layoutOf = (e: 'lead' | 'person' | 'company') => all.find((l) => l.entity === e)!;

  let company: ContactCard['company'] = null;
  if (contact.company) {
    const [co] = await tx.query<{
      id: string;
      name: string;
      website: string | null;
      phone: string | null;
      address: string | null;
      industry: string | null;
      custom: Record<string, unknown>;
    }>('select * from crm_companies where id = $1', [contact.company.id]);
    if (co)
      company = {
        id: co.id,
        name: co.name,
        fields: fieldsFor(
          layoutOf('company'),
          { name: co.name, website: co.website, phone: co.phone, address: co.address, industry: co.industry },
          co.custom ?? {},
        ),
      };
  }

  const cartSince = new Date(now - CRM_LIMITS.cartWindowHours * HOUR);
  const cart = await tx.query<Record<string, unknown>>(
    `select ${PRODUCT_COLUMNS('p')}, l.quantity, l.added_at from crm_cart_lines l join crm_products p on p.id = l.product_id
      where l.contact_id = $1 and l.added_at > $2 order by l.added_at desc`,
    [contactId, cartSince],
  );
  const purchases = await tx.query<Record<string, unknown>>(
    `select ${PRODUCT_COLUMNS('p')}, b.quantity, b.price_cents as paid_cents, b.purchased_at from crm_purchases b join crm_products p on p.id = b.product_id
      where b.contact_id = $1 and b.purchased_at > $2 and b.purchased_at <= $3 order by b.purchased_at desc`,
    [contactId, new Date(now - CRM_LIMITS.purchaseWindowHours * HOUR), new Date(now)],
  );
  const emails = await tx.query<{
    id: string;
    direction: EmailSummary['direction'];
    subject: string;
    snippet: string;
    at: Date;
  }>('select * from crm_emails where contact_id = $1 order by at desc limit $2', [contactId, CRM_LIMITS.cardEmails]);
  const notes = await tx.query<Parameters<typeof toNote>[0]>(
    `${NOTE_SELECT} where n.contact_id = $1 order by n.created_at desc, n.id desc limit $2`,
    [contactId, CRM_LIMITS.cardNotes],
  );
  const tasks = await tx.query<Parameters<typeof toTask>[0]>(
    `${TASK_SELECT} where t.contact_id = $1 order by t.done, t.due_date nulls last, t.created_at desc, t.id desc limit $2`,
    [contactId, CRM_LIMITS.cardTasks],
  );
  const { custom, source, ...summary } = contact;
  return {
    contact: summary,
    score: scoreFrom(await scoreCounts(tx, contactId, contact.email, now)),
    fields: fieldsFor(layoutOf(contact.kind), contactStandardValues({ ...summary, source }), custom),
    company,
    cart: cart.map((r) => ({
      product: prefixedProduct(r),
      quantity: Number(r.quantity),
      addedAt: (r.added_at as Date).toISOString(),
    })),
    purchases: purchases.map((r) => ({
      product: prefixedProduct(r),
      quantity: Number(r.quantity),
      priceCents: Number(r.paid_cents),
      purchasedAt: (r.purchased_at as Date).toISOString(),
    })),
    tags: await tagsOf(call, contactId),
    emails: emails.map((e) => ({
      id: e.id,
      direction: e.direction,
      subject: e.subject,
      snippet: e.snippet,
      at: e.at.toISOString(),
    })),
    notes: notes.map(toNote),
    tasks: tasks.map(toTask),
  };
}

/**
 * The counts the scoring rules need (see scoring.ts), in one round trip. A visitor's carts, views and
 * chats count only once they belong to the record: email verified, or a conversation linked (issue 14).
 */
async function scoreCounts(tx: Sql, contactId: string, email: string | null, now: number): Promise<ScoreCounts> {
  const at = (days: number) => new Date(now - days * DAY);
  const [r] = await tx.query<Record<string, string | number | null>>(
    `select
       (select count(*) from crm_purchases where contact_id = $1 and purchased_at > $3 and purchased_at <= $6) as purchases,
       (select coalesce(sum(price_cents * quantity), 0) from crm_purchases where contact_id = $1 and purchased_at > $3 and purchased_at <= $6) as spend,
       (select count(*) from crm_cart_lines where contact_id = $1 and added_at > $4)
         + (select count(*) from crm_visitor_events e join visitors v on v.id = e.visitor_id where v.email = $2 and v.email_verified and e.kind = 'cart_add' and e.at > $4) as carts,
       (select count(*) from crm_visitor_events e join visitors v on v.id = e.visitor_id where v.email = $2 and v.email_verified and e.kind = 'page_view' and e.at > $4) as views,
       (select count(*) from conversations c join visitors v on v.id = c.visitor_id where ((v.email = $2 and v.email_verified) or c.contact_id = $1) and c.created_at > $5) as chats,
       (select count(*) from crm_emails where contact_id = $1 and direction = 'in' and at > $5) as emails_in,
       (select count(*) from crm_tasks where contact_id = $1 and not done) as open_tasks`,
    [contactId, email, at(90), at(7), at(30), new Date(now)],
  );
  return {
    purchases_90d: Number(r.purchases),
    spend_90d: Math.floor(Number(r.spend) / SPEND_STEP_CENTS),
    cart_7d: Number(r.carts),
    page_views_7d: Number(r.views),
    chats_30d: Number(r.chats),
    emails_in_30d: Number(r.emails_in),
    open_tasks: Number(r.open_tasks),
  };
}
