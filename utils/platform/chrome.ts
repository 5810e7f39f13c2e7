/**
 * Chrome (MV3): the side panel is `sidePanel`, and since a service worker cannot play audio the
 * sound plays in an offscreen document (reason AUDIO_PLAYBACK, entrypoints/offscreen).
 */
import { browser } from 'wxt/browser';
import { OFFSCREEN_TARGET, type PlaySoundRequest, type PlaySoundResult } from './sound-messages';
import type { Platform } from './types';

const OFFSCREEN_PATH = '/offscreen.html';

let creating: Promise<void> | null = null;

/** One offscreen document at most; it is made on the first sound and kept (the browser may close it). */
async function ensureOffscreenDocument(): Promise<void> {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  const existing = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (existing.length > 0) return;
  creating ??= browser.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['AUDIO_PLAYBACK'],
      justification: 'Plays the alert sound for a new chat.',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

export const chromePlatform: Platform = {
  name: 'chrome',
  // async: a browser without sidePanel rejects instead of throwing; the call still runs at once.
  openPanel: async (windowId) => browser.sidePanel.open({ windowId }),
  canOpenPanel: () => typeof browser.sidePanel?.open === 'function',
  async playSound(url) {
    await ensureOffscreenDocument();
    const request: PlaySoundRequest = { target: OFFSCREEN_TARGET, type: 'play', url };
    return (
      ((await browser.runtime.sendMessage(request)) as PlaySoundResult | undefined) ?? {
        played: false,
        error: 'the offscreen document did not answer',
      }
    );
  },
  toolbarButton: () => browser.action,
};
