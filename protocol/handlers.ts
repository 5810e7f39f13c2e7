/**
 * Handler maps over a frame union: one handler per `type`, each typed with its own frame. The mapped
 * type makes the compiler insist that every type has a handler, so a frame added to the protocol
 * cannot be dropped silently by a program that forgets it (the widget, the extension's worker).
 * No zod here: the widget bundles this file.
 */
export type HandlerMap<F extends { type: string }, R = void> = {
  [K in F['type']]: (frame: Extract<F, { type: K }>) => R;
};

/** Calls the frame's own handler (the map's type guarantees there is one). */
export function dispatchByType<F extends { type: string }, R>(handlers: HandlerMap<F, R>, frame: F): R {
  return (handlers[frame.type as F['type']] as (frame: F) => R)(frame);
}
