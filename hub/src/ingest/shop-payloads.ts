import * as z from 'zod';
import { ApiOrder, ApiProduct, type ShopPlatform } from '#protocol';

/**
 * What WooCommerce and Shopify send in their product and order webhooks (issue 20), read leniently —
 * only the fields the store keeps, everything else ignored — and turned into the data API's rows.
 * Orders are keyed by the shop's order id (what a thank-you page reports too); a product without a
 * SKU gets `<platform>-<product id>`, so its orders still find it.
 */

const Num = z.union([z.number(), z.string()]).transform(String);
const Money = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).transform((v) => Math.round(Number(v) * 100));
const Sku = z.string().nullish();

const sku = (platform: ShopPlatform, given: string | null | undefined, productId: string | null) =>
  given?.trim() || `${platform}-${productId ?? 'unknown'}`;

const WooOrder = z.object({
  id: Num,
  currency: z.string().optional(),
  date_created_gmt: z.string().nullish(),
  date_created: z.string().nullish(),
  billing: z.object({ email: z.string(), first_name: z.string().nullish(), last_name: z.string().nullish() }),
  line_items: z.array(
    z.object({ product_id: Num.nullish(), sku: Sku, name: z.string(), quantity: z.number().int(), price: Money }),
  ),
});

const WooProduct = z.object({
  id: Num,
  sku: Sku,
  name: z.string(),
  price: Money.or(z.literal('').transform(() => 0)),
  permalink: z.string().nullish(),
  images: z.array(z.object({ src: z.string() })).nullish(),
  categories: z.array(z.object({ name: z.string() })).nullish(),
  brands: z.array(z.object({ name: z.string() })).nullish(),
});

const ShopifyOrder = z.object({
  id: Num,
  email: z.string().nullish(),
  currency: z.string().optional(),
  created_at: z.string(),
  customer: z
    .object({ email: z.string().nullish(), first_name: z.string().nullish(), last_name: z.string().nullish() })
    .nullish(),
  line_items: z.array(
    z.object({ product_id: Num.nullish(), sku: Sku, title: z.string(), quantity: z.number().int(), price: Money }),
  ),
});

const ShopifyProduct = z.object({
  id: Num,
  title: z.string(),
  vendor: z.string().nullish(),
  product_type: z.string().nullish(),
  handle: z.string().nullish(),
  image: z.object({ src: z.string() }).nullish(),
  variants: z.array(z.object({ sku: Sku, price: Money })).min(1),
});

/** A webhook's rows: the products it names (catalog entries) and the order, when it is one. */
export interface ShopRows {
  products: ApiProduct[];
  order: ApiOrder | null;
}

const fullName = (first?: string | null, last?: string | null) => [first, last].filter(Boolean).join(' ') || undefined;
const utc = (s: string) => new Date(/[zZ]|[+-]\d\d:\d\d$/.test(s) ? s : `${s}Z`).toISOString();

/** What both shops' orders come down to: the order row, and a catalog entry for each line's product. */
interface ShopOrder {
  id: string;
  email: string | null | undefined;
  name: string | undefined;
  placedAt: string;
  currency: string | undefined;
  lines: { sku?: string | null; productId: string | null; name: string; quantity: number; price: number }[];
}

function orderRows(platform: ShopPlatform, o: ShopOrder): ShopRows {
  const lines = o.lines.map((l) => ({ ...l, sku: sku(platform, l.sku, l.productId) }));
  const order = ApiOrder.parse({
    orderId: o.id,
    email: o.email,
    name: o.name,
    placedAt: o.placedAt,
    lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, priceCents: l.price })),
  });
  const products = lines.map((l) =>
    ApiProduct.parse({ sku: l.sku, name: l.name, priceCents: l.price, currency: o.currency ?? 'EUR' }),
  );
  return { order, products };
}

function wooOrder(body: unknown): ShopRows {
  const o = WooOrder.parse(body);
  return orderRows('woocommerce', {
    id: o.id,
    email: o.billing.email,
    name: fullName(o.billing.first_name, o.billing.last_name),
    placedAt: utc(o.date_created_gmt ?? o.date_created ?? new Date().toISOString()),
    currency: o.currency,
    lines: o.line_items.map((l) => ({ ...l, productId: l.product_id ?? null })),
  });
}

function wooProduct(body: unknown): ShopRows {
  const p = WooProduct.parse(body);
  const product = ApiProduct.parse({
    sku: sku('woocommerce', p.sku, p.id),
    name: p.name,
    brand: p.brands?.[0]?.name ?? '',
    category: p.categories?.[0]?.name ?? '',
    priceCents: p.price,
    imageUrl: p.images?.[0]?.src ?? null,
    url: p.permalink ?? null,
  });
  return { products: [product], order: null };
}

function shopifyOrder(body: unknown): ShopRows {
  const o = ShopifyOrder.parse(body);
  return orderRows('shopify', {
    id: o.id,
    email: o.email ?? o.customer?.email,
    name: fullName(o.customer?.first_name, o.customer?.last_name),
    placedAt: utc(o.created_at),
    currency: o.currency,
    lines: o.line_items.map((l) => ({ ...l, name: l.title, productId: l.product_id ?? null })),
  });
}

function shopifyProduct(body: unknown): ShopRows {
  const p = ShopifyProduct.parse(body);
  const [variant] = p.variants;
  const product = ApiProduct.parse({
    sku: sku('shopify', variant.sku, p.id),
    name: p.title,
    brand: p.vendor ?? '',
    category: p.product_type ?? '',
    priceCents: variant.price,
    imageUrl: p.image?.src ?? null,
  });
  return { products: [product], order: null };
}

/** The rows of a topic the hub handles; null for any other topic (acknowledged, nothing written). */
export function shopRows(platform: ShopPlatform, topic: string, body: unknown): ShopRows | null {
  if (platform === 'woocommerce') {
    if (/^order\.(created|updated)$/.test(topic)) return wooOrder(body);
    if (/^product\.(created|updated)$/.test(topic)) return wooProduct(body);
    return null;
  }
  if (/^orders\/(create|updated|paid)$/.test(topic)) return shopifyOrder(body);
  if (/^products\/(create|update)$/.test(topic)) return shopifyProduct(body);
  return null;
}
