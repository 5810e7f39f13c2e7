import type { WebSocket } from 'ws';
import { HEARTBEAT_TIMEOUT_SECONDS, LIMITS, parseFrame, type ErrorFrame } from '#protocol';
import type * as core from 'zod/v4/core';
import { HubError, RateLimited } from '../inbox/errors';
import type { Log } from '../log';
import type { HubContext } from './context';
import { frameData } from './shared-frames';
import type { SocketKind } from './socket-registry';

/**
 * What both socket kinds share: size-checked parsing, frames handled one at a time in arrival order
 * (so a client's commands apply in the order it sent them), errors turned into error frames, a bound
 * on the frames waiting their turn (RATE_LIMITS.socketQueuedFrames), and a heartbeat that closes
 * connections silent for longer than the timeout. Each socket is registered so a stopping hub can let
 * it finish its commands before closing it.
 */
const CHECK_MS = 5000;
/** WebSocket's "policy violation": more frames waiting than RATE_LIMITS.socketQueuedFrames. */
export const CLOSE_FLOODING = 1008;

export function serveFrames<S extends core.$ZodType>(
  ws: WebSocket,
  ctx: Pick<HubContext, 'log' | 'sockets' | 'limits'>,
  kind: SocketKind,
  schema: S,
  handle: (frame: core.output<S>) => Promise<void>,
): { send: (frame: object) => void } {
  const send = (frame: object) => {
    // Text frames always; a frame shared by many sockets comes already encoded (shared-frames.ts).
    if (ws.readyState === ws.OPEN) ws.send(frameData(frame), { binary: false });
  };
  let queue = Promise.resolve();
  ctx.sockets.add(ws, () => queue, kind);
  let waiting = 0;
  let cut = false;
  let lastHeard = Date.now();
  // Checked every CHECK_MS against a limit one check short of the timeout, so a silent peer
  // (clients ping every 20 s) is cut within HEARTBEAT_TIMEOUT_SECONDS, never later.
  const heartbeat = setInterval(() => {
    if (Date.now() - lastHeard > HEARTBEAT_TIMEOUT_SECONDS * 1000 - CHECK_MS) ws.terminate();
  }, CHECK_MS);
  ws.on('close', () => clearInterval(heartbeat));
  // ws reports frames it refuses itself (over maxPayload: 1009, invalid UTF-8: 1007) as an 'error'
  // and closes the connection; without a listener that error would crash the whole hub.
  ws.on('error', () => {});

  ws.on('message', (data, isBinary) => {
    if (ctx.sockets.stopping || cut) return;
    lastHeard = Date.now();
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
    if (isBinary || size > LIMITS.frameBytes * 4) {
      // Refused before decoding: binary frames are not part of the protocol; huge ones are not worth reading.
      send({
        type: 'error',
        code: isBinary ? 'bad_frame' : 'too_large',
        message: isBinary ? 'binary frames are not accepted' : `frame is larger than ${LIMITS.frameBytes} bytes`,
        limit: LIMITS.frameBytes,
      } satisfies ErrorFrame);
      return;
    }
    const parsed = parseFrame(schema, data.toString());
    if (!parsed.ok) {
      ctx.log.debug({ code: parsed.error.code }, `frame refused: ${parsed.error.message}`);
      send(parsed.error);
      return;
    }
    ctx.log.trace({ frame: parsed.frame }, 'frame');
    // A client that sends faster than its frames are handled is flooding, or not reading its answers:
    // it is cut, and what it had queued is dropped unhandled.
    const maxQueued = ctx.limits.queuedFrames;
    if (++waiting > maxQueued) {
      cut = true;
      ctx.log.info({ waiting: maxQueued }, 'socket cut: too many frames waiting');
      send({
        type: 'error',
        code: 'rate_limited',
        message: `more than ${maxQueued} frames waiting to be handled; closing`,
        limit: maxQueued,
      } satisfies ErrorFrame);
      return void ws.close(CLOSE_FLOODING, 'too many frames waiting');
    }
    // Awaited inside try, so a handler that throws synchronously still gets an error frame and
    // cannot leave the queue rejected (which would silently drop every later frame).
    queue = queue.then(async () => {
      try {
        if (!cut) await handle(parsed.frame);
      } catch (err: unknown) {
        const reqId = (parsed.frame as { reqId?: string }).reqId;
        send(toErrorFrame(err, ctx.log, reqId));
      } finally {
        waiting--;
      }
    });
  });
  return { send };
}

/** A refusal as its error frame; anything that is not a HubError is logged and answered as `internal`. */
export function toErrorFrame(err: unknown, log: Log, reqId?: string): ErrorFrame {
  if (err instanceof HubError) {
    return {
      type: 'error',
      reqId,
      code: err.code,
      message: err.message,
      ...(err.limit ? { limit: err.limit } : {}),
      ...(err instanceof RateLimited ? { retryAfterMs: err.retryAfterMs } : {}),
    };
  }
  log.error({ err }, 'command failed');
  return { type: 'error', reqId, code: 'internal', message: 'internal error; nothing was changed' };
}
