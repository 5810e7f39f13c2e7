import * as z from 'zod';
import { Email } from './crm-basics';
import type { Rate } from './limits';
import { Id, Timestamp } from './model';

/**
 * Data out, as EU customers expect (issue 20, GDPR; FEATURES H6): a super user exports everything the
 * hub holds about a person as one zip archive, erases a person, and sets how long each chat keeps its
 * conversations. REST, super users only:
 * - `GET /api/admin/contacts?email=` → `ContactLookupResponse` (the record with this email, or null);
 * - `GET /api/admin/contacts/:id/export` → `application/zip` (see docs/PRIVACY.md for what is inside);
 * - `DELETE /api/admin/contacts/:id` → `ErasureResponse` (the audit entry, which holds no personal data);
 * - `GET /api/admin/erasures` → `ErasuresResponse` (the audit, newest first, at most `erasuresListed`);
 * - `GET /api/admin/retention` → `RetentionResponse`; `PUT /api/admin/chats/:id/retention` with `RetentionSetting` → 204.
 */

export const DATA_OUT_LIMITS = {
  /** Exports one address may ask for: each reads every row and file of a person. */
  exportsPerIp: { points: 20, seconds: 600 } satisfies Rate,
  /** The longest retention a chat may set (ten years); longer is "keep" (null). */
  retentionMonthsMax: 120,
  /** How often a hub process tries to claim the retention job (by its clock); it runs at most once per this across processes. */
  retentionEveryMs: 3_600_000,
  /** How long a claim holds the job: a hub that died mid-run leaves it to another after this. */
  retentionLeaseSeconds: 600,
  /** Audit entries `GET /api/admin/erasures` answers, newest first. */
  erasuresListed: 200,
  /** Conversations deleted per transaction by retention, so one pass never holds the log's lock for long. */
  retentionBatch: 200,
} as const;

export const ContactLookupQuery = z.object({ email: Email });

export const ContactLookupResponse = z.object({
  contact: z
    .object({ id: Id, kind: z.enum(['lead', 'person']), name: z.string(), email: z.string().nullable() })
    .nullable(),
});
export type ContactLookupResponse = z.infer<typeof ContactLookupResponse>;

/** The audit entry an erasure leaves: who, when, the erased record's opaque id, and counts only. */
export const Erasure = z.object({
  id: Id,
  subjectId: Id,
  erasedBy: Id.nullable(),
  erasedAt: Timestamp,
  removed: z.record(z.string(), z.number().int().nonnegative()),
});
export type Erasure = z.infer<typeof Erasure>;

export const ErasureResponse = z.object({ erasure: Erasure });
export type ErasureResponse = z.infer<typeof ErasureResponse>;

export const ErasuresResponse = z.object({ erasures: z.array(Erasure) });
export type ErasuresResponse = z.infer<typeof ErasuresResponse>;

export const RetentionMonths = z
  .number()
  .int('months must be a whole number')
  .min(1, 'months must be at least 1')
  .max(DATA_OUT_LIMITS.retentionMonthsMax, `months must be at most ${DATA_OUT_LIMITS.retentionMonthsMax}`)
  .nullable();

export const RetentionSetting = z.object({ months: RetentionMonths });
export type RetentionSetting = z.infer<typeof RetentionSetting>;

export const RetentionResponse = z.object({
  chats: z.array(z.object({ chatId: Id, name: z.string(), months: RetentionMonths })),
});
export type RetentionResponse = z.infer<typeof RetentionResponse>;
