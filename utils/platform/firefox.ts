/**
 * Firefox (MV2, persistent background page; docs/BROWSERS.md): the panel is the sidebar
 * (`sidebar_action`), the background page is a document and plays sounds itself, and the toolbar
 * button is `browserAction`.
 */
import { browser } from 'wxt/browser';
import { playAudio } from './play-audio';
import type { Platform, ToolbarButton } from './types';

/** The Firefox-only APIs used here; the `browser` types follow Chrome's. */
interface FirefoxApis {
  sidebarAction: { open(): Promise<void> };
  browserAction: ToolbarButton;
}
const firefox = () => browser as unknown as FirefoxApis;

export const firefoxPlatform: Platform = {
  name: 'firefox',
  // Firefox opens the sidebar of the active window; it has no per-window call. It accepts only
  // user actions of the extension's own UI (toolbar, its pages, its shortcuts), not a content
  // script's message nor a notification click: those only select the conversation (docs/BROWSERS.md).
  openPanel: async () => firefox().sidebarAction.open(),
  canOpenPanel: () => true,
  playSound: (url) => playAudio(url),
  toolbarButton: () => firefox().browserAction,
};
