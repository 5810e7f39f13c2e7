import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { HubError } from '../inbox/errors';

/**
 * Channel secrets at rest (FEATURES G2): AES-256-GCM with the key from PARLEY_SECRET_KEY. A sealed
 * value is `v1.<iv>.<tag>.<ciphertext>` (base64url); the chat and provider are its additional data,
 * so a sealed value copied onto another connection does not open. Without a key the hub refuses to
 * store a secret, with the reason; nothing here logs a value.
 */

const KEY_BYTES = 32;
const IV_BYTES = 12;
const VERSION = 'v1';

/** PARLEY_SECRET_KEY: 32 random bytes as 64 hex digits or base64 (e.g. `openssl rand -base64 32`). */
export function parseSecretKey(raw: string): Buffer {
  const trimmed = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES)
    throw new Error(
      `PARLEY_SECRET_KEY must be ${KEY_BYTES} bytes as 64 hex digits or base64 (e.g. openssl rand -base64 32)`,
    );
  return key;
}

export const NO_KEY_MESSAGE =
  'the hub has no PARLEY_SECRET_KEY, so it cannot store channel secrets: set it (32 random bytes, e.g. openssl rand -base64 32) and restart the hub';

function needKey(key: Buffer | null): Buffer {
  if (!key) throw new HubError('conflict', NO_KEY_MESSAGE);
  return key;
}

export function seal(key: Buffer | null, plain: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', needKey(key), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function open(key: Buffer | null, sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !body) throw new Error('channel secrets: not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', needKey(key), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('channel secrets: they do not open with this PARLEY_SECRET_KEY (was the key changed?)');
  }
}
