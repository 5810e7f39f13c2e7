import { platform } from '#utils/platform/index';
import { countPending } from './apply-events';
import type { ParleyDb } from '#utils/db';

/** Keeps the toolbar badge equal to the pending count (FEATURES B2); empty when there is nothing waiting. */
export async function updateBadge(db: ParleyDb): Promise<string> {
  const pending = await countPending(db);
  const text = pending > 0 ? String(pending) : '';
  await platform.toolbarButton().setBadgeText({ text });
  return text;
}

export async function clearBadge(): Promise<void> {
  await platform.toolbarButton().setBadgeText({ text: '' });
}

export async function initBadge(): Promise<void> {
  await platform.toolbarButton().setBadgeBackgroundColor({ color: '#c2410c' });
}
