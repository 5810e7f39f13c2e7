import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;

/**
 * Prefixed ids for the customer store's rows: readable in logs, unique without a round trip, and in
 * creation order within a hub — lists sort by `created_at desc, id desc`, and two rows written in the
 * same clock tick (PGlite's clock is coarse) must still come out newest first. 12 hex digits of
 * milliseconds, 4 of a sequence within the millisecond, 16 random.
 */
export const crmId = (prefix: 'ct' | 'co' | 'nt' | 'tk' | 'ac' | 'pu' | 'em' | 'pr' | 'pl' | 'cn') => {
  const now = Date.now();
  seq = now > lastMs ? 0 : seq + 1;
  lastMs = Math.max(now, lastMs + (seq > 0xffff ? 1 : 0));
  if (seq > 0xffff) seq = 0;
  return `${prefix}_${lastMs.toString(16).padStart(12, '0')}${seq.toString(16).padStart(4, '0')}${randomBytes(8).toString('hex')}`;
};

/** The phone as matched: digits and + only; the same rule as the SQL `regexp_replace(phone, '[^0-9+]', '', 'g')` (so spacing and punctuation never matter). */
export const phoneKey = (phone: string | null | undefined): string | null => {
  if (!phone) return null;
  const key = phone.replace(/[^0-9+]/g, '');
  return key.replace(/\D/g, '').length > 0 ? key : null;
};
