// Owns the API keys super users make for the data API (FEATURES E2, issue 20): scopes, the console's
// requests and answers, and the shape of a key's secret.
import * as z from 'zod';
import { LIMITS } from './limits';
import { Id } from './model';
import { NO_CONTROL_CHARS } from './people';

/** What a key may write: each /api/v1/ route needs one. */
export const ApiScope = z.enum(['products', 'contacts', 'orders', 'emails', 'events']);
export type ApiScope = z.infer<typeof ApiScope>;
export const API_SCOPES = ApiScope.options;

export const API_KEY_LIMITS = {
  /** Keys on one hub (revoked ones included, until deleted); making one more is refused. */
  keys: 100,
  /** Random bytes in a key's secret (base64url): 256 bits, so a hash of it cannot be reversed by guessing. */
  secretBytes: 32,
  /** A key's last-used time is written at most this often (one write per request would be a write per request). */
  lastUsedEverySeconds: 60,
} as const;

/** Every secret starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = 'pk_';

export const NewApiKey = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'name is empty')
    .max(LIMITS.nameChars, `name is longer than ${LIMITS.nameChars} characters`)
    .regex(NO_CONTROL_CHARS, 'name contains control characters'),
  scopes: z.array(ApiScope).min(1, 'choose at least one scope').max(API_SCOPES.length),
});
export type NewApiKey = z.infer<typeof NewApiKey>;

/** A key as the console lists it: never its secret (only its first characters, to tell keys apart). */
export const ApiKeyView = z.object({
  id: Id,
  name: z.string(),
  scopes: z.array(ApiScope),
  hint: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const ApiKeysResponse = z.object({ keys: z.array(ApiKeyView) });
export type ApiKeysResponse = z.infer<typeof ApiKeysResponse>;

/** The answer to making a key: the secret, this once. */
export const ApiKeyMade = z.object({ key: ApiKeyView, secret: z.string() });
export type ApiKeyMade = z.infer<typeof ApiKeyMade>;
