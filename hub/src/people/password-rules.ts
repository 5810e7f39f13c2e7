import { dictionary } from '@zxcvbn-ts/language-common';
import { NewPassword } from '#protocol';

/**
 * What a new password must be (FEATURES H1, I4): PEOPLE_LIMITS' length, and not a common password —
 * checked against zxcvbn-ts' list of the ~49,000 most common ones (as typed, lower-cased, and with
 * digits or symbols around a common word stripped: "iloveyou1234" is "iloveyou"), nor the account's
 * own email or name. The password itself never appears in an answer or a log line.
 */

let common: Set<string> | null = null;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common'] as string[]));

/** A common word shorter than this, padded with digits, is not refused for it ("abc" + "…"). */
const MIN_CORE_CHARS = 4;

const core = (p: string) => p.replace(/^[\d\W_]+|[\d\W_]+$/g, '');

/** Why the password is refused, in words, or null when it may be used. */
export function passwordProblem(password: string, account: { email: string; name: string }): string | null {
  const shape = NewPassword.safeParse(password);
  if (!shape.success) return shape.error.issues[0].message;
  const lower = password.normalize('NFKC').toLowerCase();
  const list = commonPasswords();
  const stripped = core(lower);
  if (list.has(lower) || (stripped.length >= MIN_CORE_CHARS && list.has(stripped)))
    return 'this password is on the list of common passwords; choose another';
  // "aaaaaaaaaaaa", "abcabcabcabc" with a common unit, "dragondragon".
  const unit = /^(.+?)\1+$/u.exec(lower)?.[1];
  if (unit !== undefined && (unit.length < MIN_CORE_CHARS || list.has(unit)))
    return 'this password repeats a short or common word; choose another';
  const own = [
    account.email.toLowerCase(),
    account.email.toLowerCase().split('@')[0],
    account.name.toLowerCase().replace(/\s+/g, ''),
  ];
  if (own.some((word) => word.length >= MIN_CORE_CHARS && (lower === word || stripped === word)))
    return 'a password cannot be your email address or name';
  return null;
}
