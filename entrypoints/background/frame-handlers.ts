import type { RepServerFrame } from '../../protocol';

/**
 * One handler per frame the hub can send; the mapped type makes the compiler insist that every frame
 * type has one, so a new frame in the protocol cannot be silently dropped.
 */
export type FrameHandlers = {
  [K in RepServerFrame['type']]: (frame: Extract<RepServerFrame, { type: K }>) => void | Promise<unknown>;
};

export function dispatchFrame(handlers: FrameHandlers, frame: RepServerFrame): void | Promise<unknown> {
  return (handlers[frame.type] as (frame: RepServerFrame) => void | Promise<unknown>)(frame);
}
