import { CRM_LIMITS, pageAddress, TRACK_LIMITS, type CartLine, type Recommendations, type TrackFrame } from '#protocol';
import type { Sql } from '../storage/db';
import { recordPageCheckout } from '../ingest/page-checkout';
import { PRODUCT_COLUMNS, prefixedProduct } from './builtin/rows';

/**
 * What the widget reports a visitor did (page views, cart changes), and the lists made from it:
 * the last visit and the abandoned cart (FEATURES E2). Not part of the event log: it is not inbox state.
 */
const MINUTE = 60_000;

/**
 * Stores one tracked event; the product is the given id if the catalog has it, else the product whose
 * link is this page. Dated by the hub's clock, less the `ageMs` of an event the widget had queued.
 * The page is kept without query string and fragment unless the chat keeps them (`keepQuery`, issue 14).
 * A checkout with the shop's order id also records the cart as that order (ingest/page-checkout.ts).
 */
export async function recordTrack(
  tx: Sql,
  visitorId: string,
  f: TrackFrame,
  now: number,
  keepQuery: boolean,
): Promise<void> {
  const at = now - Math.min(Math.max(f.ageMs ?? 0, 0), TRACK_LIMITS.maxAgeMs);
  const url = pageAddress(f.url, keepQuery);
  if (f.event === 'checkout' && f.orderId) await recordPageCheckout(tx, visitorId, f.orderId, new Date(at));
  await tx.query(
    `insert into crm_visitor_events (visitor_id, kind, url, title, product_id, quantity, at)
     values ($1, $2, $3, $4,
       coalesce((select id from crm_products where id = $5), (select id from crm_products where url = $3 order by id limit 1)),
       $6, $7)`,
    [visitorId, f.event, url, f.title ?? null, f.productId ?? null, f.quantity ?? 1, new Date(at)],
  );
}

/**
 * The visitor and, once the shop verified their email, every other visitor who verified it too
 * (other devices, earlier visits). A typed email joins no one (issue 14).
 */
export async function sameVisitors(tx: Sql, visitorId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `select id from visitors where id = $1
     union select v.id from visitors v join visitors me on me.id = $1 where me.email_verified and v.email_verified and v.email = me.email`,
    [visitorId],
  );
  return rows.map((r) => r.id);
}

type EventRow = Record<string, unknown> & {
  kind: TrackFrame['event'];
  url: string;
  title: string | null;
  product_id: string | null;
  quantity: number;
  at: Date;
};

async function events(
  tx: Sql,
  visitorIds: string[],
  kinds: TrackFrame['event'][],
  since: Date | null,
): Promise<EventRow[]> {
  return tx.query<EventRow>(
    `select e.kind, e.url, e.title, e.product_id, e.quantity, e.at, ${PRODUCT_COLUMNS('p')}
       from crm_visitor_events e left join crm_products p on p.id = e.product_id
      where e.visitor_id = any($1) and e.kind = any($2) and ($3::timestamptz is null or e.at > $3)
      order by e.at, e.id`,
    [visitorIds, kinds, since],
  );
}

/** Pages of the latest visit (views no more than `visitGapMinutes` apart), newest first, each page once. */
export async function lastVisit(tx: Sql, visitorIds: string[]): Promise<Recommendations['lastVisit']> {
  const views = (await events(tx, visitorIds, ['page_view'], null)).reverse();
  const visit: EventRow[] = [];
  for (const v of views) {
    const newer = visit[visit.length - 1];
    if (newer && newer.at.getTime() - v.at.getTime() > CRM_LIMITS.visitGapMinutes * MINUTE) break;
    visit.push(v);
  }
  const seen = new Set<string>();
  return visit
    .filter((v) => !seen.has(v.url) && !!seen.add(v.url))
    .slice(0, CRM_LIMITS.lastVisitItems)
    .map((v) => ({
      url: v.url,
      title: v.title,
      product: v.product_id ? prefixedProduct(v) : null,
      at: v.at.toISOString(),
    }));
}

/**
 * The open cart: adds and removals replayed in order, emptied by a checkout. `lastTouched` is the
 * time of the latest cart event, which decides whether the cart is abandoned.
 */
export async function openCart(
  tx: Sql,
  visitorIds: string[],
): Promise<{ lines: CartLine[]; lastTouched: number | null }> {
  const lines = new Map<string, CartLine>();
  let lastTouched: number | null = null;
  for (const e of await events(tx, visitorIds, ['cart_add', 'cart_remove', 'checkout'], null)) {
    lastTouched = e.at.getTime();
    if (e.kind === 'checkout') lines.clear();
    if (!e.product_id) continue;
    if (e.kind === 'cart_remove') lines.delete(e.product_id);
    if (e.kind === 'cart_add') {
      const had = lines.get(e.product_id);
      lines.set(e.product_id, {
        product: prefixedProduct(e),
        quantity: Math.min(CRM_LIMITS.cartQuantity, (had?.quantity ?? 0) + e.quantity),
        addedAt: e.at.toISOString(),
      });
    }
  }
  return { lines: [...lines.values()].reverse(), lastTouched };
}

/** The open cart if nothing happened to it for `abandonAfterMinutes`. */
export async function abandonedCart(
  tx: Sql,
  visitorIds: string[],
  now: number,
): Promise<Recommendations['abandonedCart']> {
  const cart = await openCart(tx, visitorIds);
  if (cart.lastTouched === null || now - cart.lastTouched < CRM_LIMITS.abandonAfterMinutes * MINUTE) return [];
  return cart.lines.slice(0, CRM_LIMITS.abandonedCartItems);
}

/** Products the visitor looked at or carted recently: seeds for recommendations when there is no purchase history. */
export async function browsedProducts(tx: Sql, visitorIds: string[], now: number): Promise<string[]> {
  const since = new Date(now - 30 * 24 * 60 * MINUTE);
  const rows = await events(tx, visitorIds, ['page_view', 'cart_add'], since);
  return [...new Set(rows.reverse().flatMap((r) => (r.product_id ? [r.product_id] : [])))].slice(0, 20);
}
