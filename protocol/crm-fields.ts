import * as z from 'zod';
import { DueDate, FieldType } from './crm';
import { CRM_LIMITS } from './crm-limits';
import { SafeUrl } from './product-card';

/**
 * A custom field's value on a record (FEATURES E4): the rep sets it on the card with `setField`. The
 * request carries text; the hub checks it against the field's type in the record's layout with
 * `customValueProblem`, which the side panel uses too so the rep hears the same rule first.
 */
export const CustomFieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _; starts with a letter');

export const CustomFieldValue = z
  .string()
  .trim()
  .min(1, 'value is empty: send null to clear it')
  .max(CRM_LIMITS.fieldValueChars, `value is longer than ${CRM_LIMITS.fieldValueChars} characters`)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\u0000-\u0008\u000b-\u001f\u007f]*$/, 'value contains control characters');

const NUMBER = /^-?\d{1,15}(\.\d{1,6})?$/;

/** Why `value` does not fit a field of this type, or null when it does. */
export function customValueProblem(type: z.infer<typeof FieldType>, value: string): string | null {
  if (type === 'number') return NUMBER.test(value) ? null : 'a number, e.g. 12 or -3.5';
  if (type === 'date') return DueDate.safeParse(value).success ? null : 'a date as YYYY-MM-DD';
  if (type === 'url') return SafeUrl.safeParse(value).success ? null : 'an http or https link';
  return null;
}
