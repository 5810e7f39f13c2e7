import type { RepServerFrame } from '#protocol';
import { dispatchByType, type HandlerMap } from '#protocol/handlers';

/**
 * One handler per frame the hub can send to a rep; the mapped type (protocol/handlers.ts) makes the
 * compiler insist that every frame type has one, so a new frame in the protocol cannot be silently dropped.
 */
export type FrameHandlers = HandlerMap<RepServerFrame, void | Promise<unknown>>;

export function dispatchFrame(handlers: FrameHandlers, frame: RepServerFrame): void | Promise<unknown> {
  return dispatchByType(handlers, frame);
}
