// Owns the data API's rows and limits (FEATURES E2, E10, E11; issue 20): what `/api/v1/` accepts —
// products, companies, contacts (persons and leads), orders with their lines, emails and custom events
// — one at a time as JSON or many as NDJSON, and what it answers.
import * as z from 'zod';
import { Email } from './crm-basics';
import { LIMITS } from './limits';
import { CurrencyCode, SafeUrl } from './product-card';
import { NO_CONTROL_CHARS } from './people';

export const DATA_API_LIMITS = {
  /** Rows in one NDJSON bulk request. */
  bulkRows: 10_000,
  /** Bytes in one NDJSON bulk request. */
  bulkBytes: 16 * 1024 * 1024,
  /** Bytes in one single-row request. */
  rowBytes: 64 * 1024,
  /** Lines in one order. */
  orderLines: 500,
  /** Characters in an Idempotency-Key header. */
  idempotencyKeyChars: 200,
  /** How long a stored answer to an idempotency key is kept (a retry after that writes again). */
  idempotencyKeepHours: 48,
  /** Characters in a SKU, an external id or an order id. */
  refChars: 200,
  /** Characters in an email's snippet, an address or an event's text value. */
  textChars: 2000,
  /** Properties on one custom event. */
  eventProperties: 50,
  /** Requests one API key may make. */
  requestsPerKey: { points: 600, seconds: 60 },
} as const;

/** The header that makes a retried request write once. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

const Text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} is longer than ${max} characters`)
    .regex(NO_CONTROL_CHARS, `${what} contains control characters`);
const Required = (max: number, what: string) => Text(max, what).min(1, `${what} is empty`);
const Ref = (what: string) => Required(DATA_API_LIMITS.refChars, what);
const Name = Required(LIMITS.nameChars, 'name');
const Cents = z.number().int().nonnegative().max(2_000_000_000);
const When = z.iso.datetime({ offset: true });

export const ApiProduct = z.object({
  sku: Ref('sku'),
  name: Name,
  brand: Text(LIMITS.nameChars, 'brand').default(''),
  category: Text(LIMITS.nameChars, 'category').default(''),
  priceCents: Cents,
  currency: CurrencyCode.default('EUR'),
  imageUrl: SafeUrl.nullable().default(null),
  url: SafeUrl.nullable().default(null),
});
export type ApiProduct = z.infer<typeof ApiProduct>;

export const ApiCompany = z.object({
  externalId: Ref('externalId'),
  name: Name,
  website: SafeUrl.nullable().default(null),
  phone: Text(40, 'phone').nullable().default(null),
  address: Text(DATA_API_LIMITS.textChars, 'address').nullable().default(null),
  industry: Text(LIMITS.nameChars, 'industry').nullable().default(null),
});
export type ApiCompany = z.infer<typeof ApiCompany>;

/** A person or a lead, matched by email. */
export const ApiContact = z.object({
  email: Email,
  name: Name,
  kind: z.enum(['person', 'lead']).default('person'),
  phone: Text(40, 'phone').nullable().default(null),
  address: Text(DATA_API_LIMITS.textChars, 'address').nullable().default(null),
  companyExternalId: Ref('companyExternalId').nullable().default(null),
});
export type ApiContact = z.infer<typeof ApiContact>;

export const ApiOrderLine = z.object({
  sku: Ref('sku'),
  quantity: z.number().int().min(1).max(100_000),
  priceCents: Cents,
});

/** An order: its lines become purchases of the person with this email (made if there is none). */
export const ApiOrder = z.object({
  orderId: Ref('orderId'),
  email: Email,
  name: Name.optional(),
  placedAt: When,
  lines: z.array(ApiOrderLine).min(1, 'an order has at least one line').max(DATA_API_LIMITS.orderLines),
});
export type ApiOrder = z.infer<typeof ApiOrder>;

/** An email to or from a contact, shown in their activity. */
export const ApiEmail = z.object({
  externalId: Ref('externalId'),
  email: Email,
  direction: z.enum(['in', 'out']),
  subject: Required(LIMITS.nameChars * 2, 'subject'),
  snippet: Text(DATA_API_LIMITS.textChars, 'snippet').default(''),
  at: When,
});
export type ApiEmail = z.infer<typeof ApiEmail>;

const PropertyValue = z.union([z.string().max(DATA_API_LIMITS.textChars), z.number(), z.boolean(), z.null()]);

/** Something the customer did that the shop wants on record (a newsletter sign-up, a return). */
export const ApiEvent = z.object({
  externalId: Ref('externalId'),
  email: Email,
  name: Required(LIMITS.nameChars, 'name'),
  properties: z
    .record(z.string().max(LIMITS.nameChars), PropertyValue)
    .refine((p) => Object.keys(p).length <= DATA_API_LIMITS.eventProperties, {
      message: `at most ${DATA_API_LIMITS.eventProperties} properties`,
    })
    .default({}),
  at: When,
});
export type ApiEvent = z.infer<typeof ApiEvent>;

/** One row written: the record's id in the hub, and whether it was new. */
export const ApiWritten = z.object({ id: z.string(), created: z.boolean() });
export type ApiWritten = z.infer<typeof ApiWritten>;

/** A bulk request's answer: how many rows were written, and each refused row with its line number (from 1). */
export const ApiBulkReport = z.object({
  written: z.number().int(),
  refused: z.array(z.object({ line: z.number().int(), message: z.string() })),
  atomic: z.boolean(),
});
export type ApiBulkReport = z.infer<typeof ApiBulkReport>;

export const ApiBulkQuery = z.object({ atomic: z.enum(['true', 'false']).default('false') });

/** The shops whose webhooks the hub receives: `POST /api/webhooks/<platform>/<chat id>`. */
export const ShopPlatform = z.enum(['woocommerce', 'shopify']);
export type ShopPlatform = z.infer<typeof ShopPlatform>;

export const SHOP_WEBHOOK_LIMITS = {
  /** Bytes in one webhook delivery (a large order's JSON). */
  bodyBytes: 2 * 1024 * 1024,
  /** Characters in a shop's webhook secret. */
  secretChars: 256,
  /** Characters in a delivery's id (the replay key). */
  deliveryIdChars: 200,
  /** How long an applied delivery's id is remembered; shops retry for at most a few days (Shopify 48 h, Woo 5 tries). */
  replayKeepDays: 30,
} as const;

/** A chat's webhook secret for one shop, as the shop shows it (Woo: the webhook's secret; Shopify: the app's client secret). */
export const ShopWebhookSecret = z.object({
  secret: z
    .string()
    .min(8, 'the secret is shorter than 8 characters')
    .max(SHOP_WEBHOOK_LIMITS.secretChars, `the secret is longer than ${SHOP_WEBHOOK_LIMITS.secretChars} characters`)
    .regex(NO_CONTROL_CHARS, 'the secret contains control characters'),
});
