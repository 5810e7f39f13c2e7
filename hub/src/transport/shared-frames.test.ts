import { describe, expect, it } from 'vitest';
import type { HubEvent } from '#protocol';
import { frameData, sharedEventFrame } from './shared-frames';

const event = {
  kind: 'rep.chats',
  id: 7,
  at: '2026-12-06T10:00:00.000Z',
  chatId: 'ch_1',
  repId: 'r_1',
} as unknown as HubEvent;

describe('shared frames', () => {
  it('gives every socket the one frame of an event, encoded once as its JSON', () => {
    const frame = sharedEventFrame(event);
    expect(sharedEventFrame(event)).toBe(frame);
    const data = frameData(frame);
    expect(Buffer.isBuffer(data)).toBe(true);
    expect(frameData(frame)).toBe(data);
    expect(JSON.parse(data.toString())).toEqual({ type: 'event', event });
  });

  it('serializes any other frame afresh, so a frame built for one viewer is never reused', () => {
    const own = { type: 'event', event: { ...event } };
    expect(frameData(own)).toBe(JSON.stringify(own));
    expect(sharedEventFrame({ ...event })).not.toBe(sharedEventFrame(event));
  });
});
