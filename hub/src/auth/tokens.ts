import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer secrets the hub mints (a rep's session, a visitor's credential): 32 random bytes, sent once
 * to their holder; only their SHA-256 is stored, so a leaked database holds no usable token.
 */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
