/**
 * Everything Parley does differently in Firefox, in one place: callers use `platform` and never ask
 * which browser they run in. WXT sets import.meta.env.FIREFOX at build time, so each build keeps
 * only its own branch. (The manifest's differences are in ./manifest.ts, read by wxt.config.ts.)
 */
import { chromePlatform } from './chrome';
import { firefoxPlatform } from './firefox';
import type { Platform } from './types';

export type { Platform, ToolbarButton } from './types';
export type { PlaySoundResult } from './sound-messages';

export const platform: Platform = import.meta.env.FIREFOX ? firefoxPlatform : chromePlatform;
