/**
 * An alert sound's outcome, and the one message Chrome's worker sends its offscreen document: play
 * this sound (FEATURES B2). Firefox's background page plays it itself (utils/platform/firefox.ts).
 */
export const OFFSCREEN_TARGET = 'parley-offscreen';

export interface PlaySoundRequest {
  target: typeof OFFSCREEN_TARGET;
  type: 'play';
  url: string;
}

/** `played`: the audio element reached 'playing' (the browser really started it), not merely that play() was called. */
export type PlaySoundResult = { played: true } | { played: false; error: string };

export function isPlaySoundRequest(message: unknown): message is PlaySoundRequest {
  const m = message as Partial<PlaySoundRequest> | null;
  return !!m && m.target === OFFSCREEN_TARGET && m.type === 'play' && typeof m.url === 'string';
}
