import type * as core from 'zod/v4/core';
import { safeParse } from 'zod/mini';
import { LIMITS } from './limits';
import type { ErrorFrame } from './frames';

/**
 * Turns raw socket data into a validated frame or a ready-to-send error frame. Size is checked
 * before JSON.parse so an oversized frame costs nothing to refuse.
 */
export function parseFrame<S extends core.$ZodType>(
  schema: S,
  raw: string,
): { ok: true; frame: core.output<S> } | { ok: false; error: ErrorFrame } {
  const bytes = new TextEncoder().encode(raw).length;
  if (bytes > LIMITS.frameBytes) {
    return {
      ok: false,
      error: {
        type: 'error',
        code: 'too_large',
        message: `frame is ${bytes} bytes; the limit is ${LIMITS.frameBytes}`,
        limit: LIMITS.frameBytes,
      },
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: { type: 'error', code: 'bad_frame', message: 'frame is not valid JSON' } };
  }
  const result = safeParse(schema, json);
  if (result.success) return { ok: true, frame: result.data };
  const sentReqId = (json as { reqId?: unknown })?.reqId;
  // Echo the reqId only when it is one a client could have meant (the ErrorFrame schema needs 1–64 chars).
  const reqId = typeof sentReqId === 'string' && sentReqId.length > 0 ? sentReqId.slice(0, 64) : undefined;
  const tooLong = result.error.issues.find((i) => i.code === 'too_big');
  if (tooLong && 'maximum' in tooLong) {
    return {
      ok: false,
      error: {
        type: 'error',
        reqId,
        code: 'too_large',
        message: `${tooLong.path.join('.') || 'value'}: ${tooLong.message}`,
        limit: Number(tooLong.maximum),
      },
    };
  }
  const first = result.error.issues[0];
  return {
    ok: false,
    error: {
      type: 'error',
      reqId,
      code: 'bad_frame',
      message: `${first?.path.join('.') || 'frame'}: ${first?.message ?? 'invalid'}`,
    },
  };
}
