// Owns the CRM building blocks shared by the card, the requests and the layouts: contact and layout
// kinds, person references, email/phone/note/tag/due-date rules, products and product-card fields.
import * as z from 'zod';
import { CRM_LIMITS } from './crm-limits';
import { LIMITS } from './limits';
import { Id } from './model';
import { CurrencyCode, SafeUrl } from './product-card';

// ---- building blocks ----

export const ContactKind = z.enum(['lead', 'person']);
export type ContactKind = z.infer<typeof ContactKind>;
/** What a field layout is for (FEATURES E4). */
export const LayoutEntity = z.enum(['lead', 'person', 'company']);
export type LayoutEntity = z.infer<typeof LayoutEntity>;

export const PersonRef = z.object({ id: Id, name: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .email()
  .max(LIMITS.nameChars * 2);

/** Digits with spaces, dashes, dots, brackets and a leading +; at least `phoneMinDigits` digits. */
export const Phone = z
  .string()
  .trim()
  .max(CRM_LIMITS.phoneChars)
  .regex(/^\+?[0-9 ().-]+$/, 'digits, spaces, dashes, brackets and a leading + only')
  .refine(
    (p) => p.replace(/\D/g, '').length >= CRM_LIMITS.phoneMinDigits,
    `at least ${CRM_LIMITS.phoneMinDigits} digits`,
  );

/** A note's text, shared by the note and notify-sales requests. */
export const CrmNoteText = z
  .string()
  .trim()
  .min(1, 'note is empty')
  .max(CRM_LIMITS.noteChars)
  .refine((t) => !t.includes('\u0000'), 'note contains a NUL character');

export const CrmTag = z
  .string()
  .trim()
  .min(1, 'tag is empty')
  .max(CRM_LIMITS.tagChars)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\u0000-\u001f]+$/, 'tag contains control characters');

/** A calendar day (the task is due by the end of it). */
export const DueDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date as YYYY-MM-DD')
  // Runs even when the pattern failed (zod checks every rule), so it must not throw on any string.
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'no such day');

export const Product = z.object({
  id: Id,
  sku: z.string(),
  name: z.string(),
  brand: z.string(),
  category: z.string(),
  priceCents: z.number().int().nonnegative(),
  currency: CurrencyCode,
  imageUrl: SafeUrl.nullable(),
  url: SafeUrl.nullable(),
});
export type Product = z.infer<typeof Product>;

/** The fields a rep may put on a product card (FEATURES E10). */
export const ProductCardField = z.enum(['image', 'name', 'price', 'link']);
export type ProductCardField = z.infer<typeof ProductCardField>;
