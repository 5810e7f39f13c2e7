import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { SHOP_WEBHOOK_LIMITS, type ApiProduct, type ShopPlatform } from '#protocol';
import { HubError } from '../inbox/errors';
import type { Db, Sql } from '../storage/db';
import { announceContactChanges } from './contact-changes';
import { shopRows } from './shop-payloads';
import { upsertOrder, upsertProduct } from './upserts';

/**
 * Shop webhooks (FEATURES E2, E10; issue 20). WooCommerce (`X-WC-Webhook-Signature`) and Shopify
 * (`X-Shopify-Hmac-Sha256`) both sign the raw body: base64 of its HMAC-SHA256 keyed with the secret
 * the super user set for the chat. The signature is checked in constant time before the body is
 * parsed; a delivery already applied (its replay key) writes nothing again. Orders become purchases
 * of the person with the order's email (made if missing), replacing the page's own report of the
 * same order; products join the catalog; a product first seen in an order line is added as the line
 * names it, and a product webhook later fills it in.
 */

/** Whether `given` (base64) is this body's signature with this secret, compared in constant time. */
export function signedBy(secret: string, body: Buffer, given: string | undefined): boolean {
  if (!given) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const sent = Buffer.from(given, 'base64');
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

export async function setShopSecret(db: Sql, chatId: string, platform: ShopPlatform, secret: string) {
  const [chat] = await db.query('select 1 from chats where id = $1', [chatId]);
  if (!chat) throw new HubError('not_found', 'no such chat');
  await db.query(
    `insert into shop_webhooks (chat_id, platform, secret) values ($1, $2, $3)
     on conflict (chat_id, platform) do update set secret = excluded.secret, created_at = now()`,
    [chatId, platform, secret],
  );
}

export async function dropShopSecret(db: Sql, chatId: string, platform: ShopPlatform): Promise<boolean> {
  return (
    (
      await db.query('delete from shop_webhooks where chat_id = $1 and platform = $2 returning chat_id', [
        chatId,
        platform,
      ])
    ).length > 0
  );
}

export async function shopSecret(db: Sql, chatId: string, platform: ShopPlatform): Promise<string | null> {
  const [row] = await db.query<{ secret: string }>(
    'select secret from shop_webhooks where chat_id = $1 and platform = $2',
    [chatId, platform],
  );
  return row?.secret ?? null;
}

/** Adds a product an order line names, unless the catalog has its SKU already. */
async function ensureProduct(tx: Sql, p: ApiProduct) {
  const [found] = await tx.query('select 1 from crm_products where sku = $1', [p.sku]);
  if (!found) await upsertProduct(tx, p);
}

export interface Delivery {
  platform: ShopPlatform;
  chatId: string;
  topic: string;
  /** What makes a replay the same delivery: Shopify's webhook id; Woo's resource, id and modified time. */
  replayKey: string;
  body: unknown;
}

export type Applied = 'applied' | 'replayed' | 'ignored';

/**
 * Applies a verified delivery once: the replay key and the writes commit together, with an order's
 * `contact.changed` event (call `committed()` after an applied one).
 */
export async function applyDelivery(db: Db, d: Delivery): Promise<Applied> {
  let rows;
  try {
    rows = shopRows(d.platform, d.topic, d.body);
  } catch (err) {
    if (err instanceof z.ZodError) {
      const [first] = err.issues;
      throw new HubError('bad_frame', `${first.path.join('.') || 'body'}: ${first.message}`);
    }
    throw err;
  }
  if (!rows) return 'ignored';
  const { products, order } = rows;
  return db.transaction(async (tx) => {
    await tx.query('delete from shop_webhook_deliveries where at < now() - make_interval(days => $1)', [
      SHOP_WEBHOOK_LIMITS.replayKeepDays,
    ]);
    const [fresh] = await tx.query(
      `insert into shop_webhook_deliveries (chat_id, platform, delivery_id) values ($1, $2, $3)
       on conflict do nothing returning delivery_id`,
      [d.chatId, d.platform, d.replayKey],
    );
    if (!fresh) return 'replayed';
    if (order) {
      for (const p of products) await ensureProduct(tx, p);
      await upsertOrder(tx, order, d.platform);
      await announceContactChanges(tx);
    } else for (const p of products) await upsertProduct(tx, p);
    return 'applied';
  });
}
