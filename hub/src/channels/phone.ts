import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A channel sender's number in E.164 (`+14155550100`), by libphonenumber-js (FEATURES E1): WhatsApp
 * sends it as digits without the plus, Twilio with it. Null when it is not a possible phone number
 * (e.g. an alphanumeric SMS sender): such a sender is matched to no record.
 */
export function toE164(raw: string): string | null {
  const trimmed = raw.trim().replace(/^whatsapp:/, '');
  const international = trimmed.startsWith('+') ? trimmed : `+${trimmed}`;
  const parsed = parsePhoneNumberFromString(international);
  return parsed?.isPossible() ? parsed.number : null;
}
