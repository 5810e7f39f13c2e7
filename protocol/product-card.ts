import * as z from 'zod';
import { LIMITS } from './limits';

/**
 * A link the widget and the side panel may open: http or https only, so a product card can never
 * carry `javascript:` or `data:` into a page (FEATURES E10, I4).
 */
export const SafeUrl = z
  .string()
  .max(LIMITS.urlChars)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'only http and https links are allowed');

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. EUR');

/**
 * A product card inside a chat message (FEATURES E10): only the fields the rep picked are filled, the
 * rest are null. The widget renders it as a card; its link opens in a new tab without an opener.
 */
export const ProductCardPayload = z
  .object({
    productId: z.string().min(1).max(64),
    name: z
      .string()
      .min(1)
      .max(LIMITS.nameChars * 2)
      .nullable(),
    price: z.object({ amountCents: z.number().int().nonnegative(), currency: CurrencyCode }).nullable(),
    imageUrl: SafeUrl.nullable(),
    url: SafeUrl.nullable(),
  })
  .refine((p) => p.name !== null || p.imageUrl !== null, 'a product card needs a name or an image');
export type ProductCardPayload = z.infer<typeof ProductCardPayload>;
