import * as z from 'zod';
import { LIMITS } from './limits';
import { RepProfile } from './model';
import { PROTOCOL_VERSION } from './version';

/** REST bodies. Every request body is parsed with these on the hub; responses are typed with them. */

export const LoginRequest = z.object({
  email: z.string().trim().toLowerCase().email().max(LIMITS.nameChars * 2),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({ token: z.string(), rep: RepProfile });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const HealthResponse = z.object({ ok: z.literal(true), protocol: z.literal(PROTOCOL_VERSION) });

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), limit: z.number().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
