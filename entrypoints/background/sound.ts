import { storage } from 'wxt/utils/storage';
import { platform, type PlaySoundResult } from '#utils/platform/index';

/** The last alert sound and whether the browser really played it: for the popup's test button and diagnostics. */
export const lastSoundItem = storage.defineItem<{ url: string; at: number; result: PlaySoundResult } | null>(
  'session:lastSound',
  {
    fallback: null,
  },
);

/** Plays an alert sound the way this browser can (utils/platform) and records the outcome. */
export async function playSound(url: string): Promise<PlaySoundResult> {
  const result = await platform.playSound(url);
  await lastSoundItem.setValue({ url: url.startsWith('data:') ? 'custom' : url, at: Date.now(), result });
  return result;
}
