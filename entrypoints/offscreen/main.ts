import { browser } from 'wxt/browser';
import { isPlaySoundRequest, type PlaySoundResult } from '../../utils/offscreen-messages';

/**
 * The offscreen document (reason AUDIO_PLAYBACK): a service worker cannot play audio, so the worker
 * asks this page to. It answers once the browser has really started the sound, or why it could not.
 */
const PLAY_TIMEOUT_MS = 5_000;

export function play(url: string): Promise<PlaySoundResult> {
  return new Promise((resolve) => {
    const audio = new Audio(url);
    const done = (result: PlaySoundResult) => {
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => done({ played: false, error: 'the sound did not start in time' }), PLAY_TIMEOUT_MS);
    audio.addEventListener('playing', () => done({ played: true }), { once: true });
    audio.addEventListener('error', () => done({ played: false, error: audio.error?.message || 'the sound could not be loaded' }), { once: true });
    audio.play().catch((error: unknown) => done({ played: false, error: String(error) }));
  });
}

browser.runtime.onMessage.addListener((message: unknown) => {
  if (!isPlaySoundRequest(message)) return undefined;
  return play(message.url);
});
