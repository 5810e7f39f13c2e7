import { browser } from 'wxt/browser';
import { playAudio } from '#utils/platform/play-audio';
import { isPlaySoundRequest } from '#utils/platform/sound-messages';

/**
 * Chrome's offscreen document (reason AUDIO_PLAYBACK): a service worker cannot play audio, so the
 * worker asks this page to. It answers once the browser has really started the sound, or why it
 * could not. Not in the Firefox build, whose background page plays sounds itself (utils/platform).
 */
browser.runtime.onMessage.addListener((message: unknown) => {
  if (!isPlaySoundRequest(message)) return undefined;
  return playAudio(message.url);
});
