import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { OFFSCREEN_TARGET, type PlaySoundRequest, type PlaySoundResult } from '../../utils/offscreen-messages';

const OFFSCREEN_PATH = '/offscreen.html';

/** The last alert sound and whether the browser really played it: for the popup's test button and diagnostics. */
export const lastSoundItem = storage.defineItem<{ url: string; at: number; result: PlaySoundResult } | null>('session:lastSound', {
  fallback: null,
});

let creating: Promise<void> | null = null;

/** One offscreen document at most; it is made on the first sound and kept (the browser may close it). */
async function ensureOffscreenDocument(): Promise<void> {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  const existing = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (existing.length > 0) return;
  creating ??= browser.offscreen
    .createDocument({ url: OFFSCREEN_PATH, reasons: ['AUDIO_PLAYBACK'], justification: 'Plays the alert sound for a new chat.' })
    .finally(() => {
      creating = null;
    });
  await creating;
}

export async function playSound(url: string): Promise<PlaySoundResult> {
  await ensureOffscreenDocument();
  const request: PlaySoundRequest = { target: OFFSCREEN_TARGET, type: 'play', url };
  const result = ((await browser.runtime.sendMessage(request)) as PlaySoundResult | undefined) ?? {
    played: false,
    error: 'the offscreen document did not answer',
  };
  await lastSoundItem.setValue({ url: url.startsWith('data:') ? 'custom' : url, at: Date.now(), result });
  return result;
}
