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
