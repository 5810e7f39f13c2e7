import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  FILE_REFUSAL_STATUS,
  HTTP_LIMITS,
  REST_STATUS,
  type ErrorBody,
  type ErrorCode,
  type FileRefusal,
  type RestErrorCode,
} from '#protocol';
import { HubError, RateLimited } from '../inbox/errors';

/**
 * The one REST error handler: every refusal — a HubError from the rules, an upload's FileRefused, a
 * body, query or path that fails its schema, a body over the route's limit — becomes its status and
 * an ErrorBody. Anything else is a bug: logged, answered 500 `internal`.
 */

/** An upload refused for what the file is (FEATURES D3): its own code, a reason, and the limit where there is one. */
export class FileRefused extends Error {
  constructor(
    readonly code: FileRefusal,
    message: string,
    readonly limit?: number,
  ) {
    super(message);
  }
}

/** The rules' codes are shared with the sockets; a REST request that fails a schema is `bad_request`, not a frame. */
const REST_CODE: Record<ErrorCode, RestErrorCode> = {
  bad_frame: 'bad_request',
  version: 'bad_request',
  too_large: 'too_large',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  origin_not_allowed: 'origin_not_allowed',
  not_found: 'not_found',
  conflict: 'conflict',
  not_ready: 'not_ready',
  rate_limited: 'rate_limited',
  internal: 'internal',
};

interface Refusal {
  status: number;
  error: ErrorBody['error'];
}

const refusal = (code: RestErrorCode, message: string, limit?: number): Refusal => ({
  status: REST_STATUS[code],
  error: { code, message, ...(limit ? { limit } : {}) },
});

function toRefusal(err: unknown, request: FastifyRequest): Refusal | null {
  if (err instanceof HubError) return refusal(REST_CODE[err.code], err.message, err.limit);
  if (err instanceof FileRefused)
    return {
      status: FILE_REFUSAL_STATUS[err.code],
      error: { code: err.code, message: err.message, ...(err.limit ? { limit: err.limit } : {}) },
    };
  const e = err as Partial<FastifyError>;
  // Schema failures: the message is already "path: reason" (schemaErrorFormatter in app.ts).
  if (e.validation) return refusal('bad_request', e.message ?? 'invalid request');
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = request.routeOptions.bodyLimit;
    return refusal('too_large', `request body is larger than ${limit} bytes`, limit);
  }
  // The JSON parser's errors quote the body: say what is wrong without echoing it.
  if (err instanceof SyntaxError || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return refusal('bad_request', 'request body is not valid JSON');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return refusal('bad_request', e.message ?? 'bad request');
  return null;
}

/**
 * A refused body declared past HTTP_LIMITS.drainBytes (or of unknown length) is not worth reading to
 * its end: the answer closes the connection. A smaller one is drained, so the client reads the
 * refusal and a kept-alive connection stays in step.
 */
function closeIfUnread(request: FastifyRequest, reply: FastifyReply) {
  const declared = request.headers['content-length'];
  if (declared === undefined || Number(declared) > HTTP_LIMITS.drainBytes) reply.header('connection', 'close');
}

export function sendRefusal(reply: FastifyReply, status: number, error: ErrorBody['error']) {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error } satisfies ErrorBody);
}

export function restErrorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const refused = toRefusal(err, request);
  if (!refused) {
    request.log.error({ err }, 'request failed');
    if (reply.sent) return;
    return sendRefusal(reply, 500, { code: 'internal', message: 'internal error; nothing was changed' });
  }
  request.log.debug({ code: refused.error.code }, `refused: ${refused.error.message}`);
  if (err instanceof RateLimited) reply.header('retry-after', String(Math.ceil(err.retryAfterMs / 1000)));
  if ((err as Partial<FastifyError>).code === 'FST_ERR_CTP_BODY_TOO_LARGE') closeIfUnread(request, reply);
  return sendRefusal(reply, refused.status, refused.error);
}
