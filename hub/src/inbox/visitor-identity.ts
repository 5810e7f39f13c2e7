import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { VisitorServerFrame } from '#protocol';
import type { Sql } from '../storage/db';

/**
 * Identity verification (issue 14), as the leading chat widgets do it (Intercom's `user_hash`,
 * Crisp's signed `user:email`): the shop's server signs the signed-in customer's email with the
 * chat's secret — HMAC-SHA256, hex — and the page hands email and signature to the widget, which
 * sends them in `hello`. The hub checks the signature in constant time; only then is the email
 * verified, and only a verified email (or a rep's link after a check) makes a conversation belong to
 * a customer record (crm/identity.ts). The secret never leaves the hub but once, to a super user.
 */

export interface IdentityClaim {
  email: string;
  hash: string;
}

/** 32 random bytes, hex: the key the shop's server signs with, used as the string it is. */
const newSecret = () => randomBytes(32).toString('hex');

/** The signature of an email exactly as given (what the shop's server computes). */
export const identityHash = (secret: string, email: string): string =>
  createHmac('sha256', secret).update(email, 'utf8').digest('hex');

/** Whether the claim is signed with this secret, compared in constant time. */
export function signedWith(secret: string, claim: IdentityClaim): boolean {
  const expected = Buffer.from(identityHash(secret, claim.email), 'hex');
  const given = Buffer.from(claim.hash.toLowerCase(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What a `hello`'s identity proves: the email (trimmed, lower case, as the hub stores emails), or why not. */
export async function checkIdentity(
  db: Sql,
  chatId: string,
  claim: IdentityClaim,
): Promise<{ ok: true; email: string } | { ok: false; reason: string }> {
  const [chat] = await db.query<{ identity_secret: string | null }>('select identity_secret from chats where id = $1', [
    chatId,
  ]);
  if (!chat?.identity_secret)
    return { ok: false, reason: 'identity verification is not set up for this chat: the email was not used' };
  if (!signedWith(chat.identity_secret, claim))
    return {
      ok: false,
      reason: 'identity verification failed: the hash is not the HMAC-SHA256 of this email with the chat’s secret',
    };
  return { ok: true, email: claim.email.trim().toLowerCase() };
}

/** Whether this visitor may take this verified email: they have none verified yet, or this one. */
async function mayBecome(db: Sql, visitorId: string, email: string): Promise<boolean> {
  const [row] = await db.query<{ email: string | null; email_verified: boolean }>(
    'select email, email_verified from visitors where id = $1',
    [visitorId],
  );
  return !row?.email_verified || row.email === email;
}

export type IdentityProof = Awaited<ReturnType<typeof checkIdentity>>;

/**
 * What a `hello` with this credential's visitor (`known`, null: none) and this identity claim comes to:
 * the proof, and the visitor it continues — null, a new one, when the shop vouches for someone other
 * than the verified email this browser's visitor already has (another customer signed in here).
 */
export async function helloIdentity(
  db: Sql,
  chatId: string,
  known: string | null,
  claim: IdentityClaim | undefined,
): Promise<{ known: string | null; proof: IdentityProof | null }> {
  const proof = claim ? await checkIdentity(db, chatId, claim) : null;
  if (known && proof?.ok && !(await mayBecome(db, known, proof.email))) return { known: null, proof };
  return { known, proof };
}

/** The answer to a hello's identity, sent after the welcome (a refusal before it would stop the widget). */
export const identityAnswer = (proof: IdentityProof): VisitorServerFrame =>
  proof.ok
    ? { type: 'identified', email: proof.email }
    : { type: 'error', code: 'unauthorized', message: proof.reason };

/** A new secret for the chat, replacing any before (signatures made with the old one stop verifying); null: no such chat. */
export async function renewIdentitySecret(db: Sql, chatId: string): Promise<string | null> {
  const secret = newSecret();
  const updated = await db.query('update chats set identity_secret = $2 where id = $1 returning id', [chatId, secret]);
  return updated.length > 0 ? secret : null;
}

/** Identity verification off for the chat; false: no such chat. */
export async function dropIdentitySecret(db: Sql, chatId: string): Promise<boolean> {
  return (await db.query('update chats set identity_secret = null where id = $1 returning id', [chatId])).length > 0;
}
