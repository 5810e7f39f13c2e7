import * as z from 'zod';
import { LIMITS } from './limits';
import { FILE_LIMITS, FileRefusal } from './files';
import { AllowedOrigins } from './origins';
import { RepProfile, RepSummary, TimeZone } from './model';
import { StartAlerts } from './people';
import { ChatCounts } from './websites';
import { PROTOCOL_VERSION } from './version';

/** REST bodies. Every request body is parsed with these on the hub; responses are typed with them. */

export const LoginRequest = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .email()
    .max(LIMITS.nameChars * 2),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** `startAlerts`: on the account's first sign-in, the alerts a super user chose for it (FEATURES H1). */
export const LoginResponse = z.object({ token: z.string(), rep: RepProfile, startAlerts: StartAlerts.optional() });
export type LoginResponse = z.infer<typeof LoginResponse>;

/** `GET /api/health` once the hub is ready (started, and its database answers); 503 `not_ready` before. */
export const HealthResponse = z.object({ ok: z.literal(true), protocol: z.literal(PROTOCOL_VERSION) });
export type HealthResponse = z.infer<typeof HealthResponse>;

/**
 * Why a REST request was refused. A request is not a frame: a malformed one is `bad_request`, never
 * the socket's `bad_frame`. The status goes with the code (REST_STATUS); upload refusals add FileRefusal.
 */
export const RestErrorCode = z.enum([
  'bad_request', // not JSON, or the body, query or path fails its schema
  'too_large', // the body is over the route's limit; `limit` says the number
  'unauthorized',
  'forbidden',
  'origin_not_allowed',
  'not_found',
  'method_not_allowed', // the path exists, the method does not (the `allow` header lists those that do)
  'conflict',
  'not_ready', // the hub is starting or its database does not answer
  'rate_limited', // too many in too short a time (FEATURES I4): 429, and Retry-After says when to try again
  'internal',
]);
export type RestErrorCode = z.infer<typeof RestErrorCode>;

export const REST_STATUS: Record<RestErrorCode, number> = {
  bad_request: 400,
  too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  not_ready: 503,
  rate_limited: 429,
  internal: 500,
};

export const ErrorBody = z.object({
  error: z.object({ code: z.union([RestErrorCode, FileRefusal]), message: z.string(), limit: z.number().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

// ---- super-user settings (FEATURES H2): GET/PUT with `Authorization: Bearer <token>` ----

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time as HH:MM');
export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

/** Opening hours per weekday in the chat's time zone; a day left out is closed. Null: always open. */
export const BusinessHours = z.object({
  timezone: TimeZone,
  weekly: z.partialRecord(
    Weekday,
    z.array(z.object({ from: HHMM, to: HHMM }).refine((r) => r.from < r.to, 'from must be before to')).max(4),
  ),
});
export type BusinessHours = z.infer<typeof BusinessHours>;

export const Strategy = z.enum(['broadcast', 'ring', 'round_robin', 'least_busy']);

export const QueueSettings = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameChars),
  strategy: Strategy,
  /** Reps rung at once by the `ring` strategy. */
  ringSize: z.number().int().min(1).max(50),
  /** Seconds an offer waits before routing moves on. */
  offerTimeoutSeconds: z.number().int().min(5).max(3600),
  /** Conversations a rep handles at once unless their membership says otherwise. */
  defaultCapacity: z.number().int().min(1).max(100),
  members: z.array(z.object({ repId: z.string(), capacity: z.number().int().min(1).max(100).nullable() })).max(500),
});
export type QueueSettings = z.infer<typeof QueueSettings>;

export const ChatSettings = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameChars),
  hours: BusinessHours.nullable(),
  /** Largest file, in bytes, either side may send (FEATURES D3, H2); left out: unchanged. */
  fileMaxBytes: z.number().int().min(1).max(FILE_LIMITS.maxChatFileBytes).optional(),
  /** Sneak peek (FEATURES D2) on or off for privacy; left out: unchanged. */
  sneakPeek: z.boolean().optional(),
  /** Web origins the widget may be used from (see protocol/origins.ts); left out: unchanged. */
  allowedOrigins: AllowedOrigins.optional(),
});
export type ChatSettings = z.infer<typeof ChatSettings>;

export const AdminChat = ChatSettings.extend({
  fileMaxBytes: z.number().int().min(1),
  sneakPeek: z.boolean(),
  allowedOrigins: z.array(z.string()),
  /** Whether identity verification is on: the chat has a secret (issue 14); the secret itself is never listed. */
  identityVerification: z.boolean(),
  id: z.string(),
  key: z.string(),
  queues: z.array(QueueSettings.extend({ id: z.string(), waiting: z.number().int().optional() })),
  /** Its conversations by state: a delete moves the waiting ones and is refused while any is active (FEATURES H2). */
  counts: ChatCounts.optional(),
});
export type AdminChat = z.infer<typeof AdminChat>;

/**
 * A chat's new identity-verification secret (issue 14), answered once, when a super user makes it:
 * the shop's server signs a signed-in customer's email with it (hex HMAC-SHA256).
 */
export const IdentitySecretResponse = z.object({ chatId: z.string(), secret: z.string() });
export type IdentitySecretResponse = z.infer<typeof IdentitySecretResponse>;

export const AdminChatsResponse = z.object({ chats: z.array(AdminChat), reps: z.array(RepSummary) });
export type AdminChatsResponse = z.infer<typeof AdminChatsResponse>;
