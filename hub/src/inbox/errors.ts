import type { ErrorCode } from '#protocol';

/** A refusal the client should see, with a protocol error code. Anything else is an internal error. */
export class HubError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly limit?: number,
  ) {
    super(message);
  }
}

/** Too many of something in too short a time (FEATURES I4): `limit` is the allowance, try again after `retryAfterMs`. */
export class RateLimited extends HubError {
  constructor(
    message: string,
    limit: number,
    readonly retryAfterMs: number,
  ) {
    super('rate_limited', `${message}; try again in ${Math.ceil(retryAfterMs / 1000)} s`, limit);
  }
}
