import type { HubEvent, RepServerFrame } from '#protocol';

/**
 * Frames that many sockets send unchanged (an event to every rep of its chat): built, serialized and
 * encoded once, then handed to each socket as the same bytes (socket-base.ts sends `frameData`).
 * Both maps are weak, so a frame lives only as long as the event the feed holds.
 */
const encoded = new WeakMap<object, Buffer>();
const eventFrames = new WeakMap<HubEvent, RepServerFrame>();

/** What a socket sends for `frame`: its shared bytes if it is shared, else its JSON. */
export function frameData(frame: object): Buffer | string {
  return encoded.get(frame) ?? JSON.stringify(frame);
}

/** The `event` frame of an event every viewer receives as is: one object, encoded on first use. */
export function sharedEventFrame(event: HubEvent): RepServerFrame {
  let frame = eventFrames.get(event);
  if (!frame) {
    frame = { type: 'event', event };
    eventFrames.set(event, frame);
    encoded.set(frame, Buffer.from(JSON.stringify(frame)));
  }
  return frame;
}
