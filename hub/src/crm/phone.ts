/** The phone as matched: digits and + only; the same rule as the SQL `regexp_replace(phone, '[^0-9+]', '', 'g')` (so spacing and punctuation never matter). */
export const phoneKey = (phone: string | null | undefined): string | null => {
  if (!phone) return null;
  const key = phone.replace(/[^0-9+]/g, '');
  return key.replace(/\D/g, '').length > 0 ? key : null;
};
