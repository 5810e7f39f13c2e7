/**
 * Plays one alert sound with an <audio> element and says whether the browser really started it.
 * Runs wherever a document is: Chrome's offscreen page, Firefox's background page (utils/platform).
 */
import type { PlaySoundResult } from './sound-messages';

/** How long a sound may take to start before it counts as not played. */
export const PLAY_TIMEOUT_MS = 5_000;

export function playAudio(url: string): Promise<PlaySoundResult> {
  return new Promise((resolve) => {
    const audio = new Audio(url);
    const done = (result: PlaySoundResult) => {
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => done({ played: false, error: 'the sound did not start in time' }), PLAY_TIMEOUT_MS);
    audio.addEventListener('playing', () => done({ played: true }), { once: true });
    audio.addEventListener(
      'error',
      () => done({ played: false, error: audio.error?.message || 'the sound could not be loaded' }),
      { once: true },
    );
    audio.play().catch((error: unknown) => done({ played: false, error: String(error) }));
  });
}
