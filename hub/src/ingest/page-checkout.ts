import type { Sql } from '../storage/db';
import { newId } from '../storage/ids';
import { openCart, sameVisitors } from '../crm/tracking';
import { markContactChanged } from './contact-changes';

/**
 * A checkout the shop's page reports through the widget (`parley:cart` with `action: 'checkout'` and
 * an `orderId`; issue 20, FEATURES E2, E11): the visitor's open cart becomes that order's purchases,
 * marked `page`, on the customer record the visitor is known as — their shop-verified email, or the
 * record a rep linked their conversation to. A typed email is only a claim and records nothing. The
 * shop's own order (webhook or API) replaces these lines when it arrives; if it came first, the
 * page's report writes nothing.
 */

async function visitorContact(tx: Sql, visitorId: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `select ct.id from visitors v join crm_contacts ct on ct.email = v.email where v.id = $1 and v.email_verified
     union all
     select c.contact_id from conversations c where c.visitor_id = $1 and c.contact_id is not null
     limit 1`,
    [visitorId],
  );
  return row?.id ?? null;
}

/** Records the cart as the order; call before the checkout event is stored (which empties the cart). */
export async function recordPageCheckout(tx: Sql, visitorId: string, orderId: string, at: Date): Promise<number> {
  const contactId = await visitorContact(tx, visitorId);
  if (!contactId) return 0;
  const { lines } = await openCart(tx, await sameVisitors(tx, visitorId));
  if (lines.length === 0) return 0;
  const written = await tx.query(
    `insert into crm_purchases (id, contact_id, product_id, order_id, quantity, price_cents, purchased_at, source)
     select l.id, $1, l.product_id, $2, l.quantity, l.price_cents, $3, 'page'
       from unnest($4::text[], $5::text[], $6::int[], $7::int[]) as l(id, product_id, quantity, price_cents)
      where not exists (select 1 from crm_purchases where order_id = $2)
     returning id`,
    [
      contactId,
      orderId,
      at,
      lines.map(() => newId('pu')),
      lines.map((l) => l.product.id),
      lines.map((l) => l.quantity),
      lines.map((l) => l.product.priceCents),
    ],
  );
  if (written.length > 0) markContactChanged(tx, contactId);
  return written.length;
}
