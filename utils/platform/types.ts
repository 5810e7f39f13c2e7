/** What the Chrome and Firefox builds do differently, as one interface (docs/BROWSERS.md). */
import type { PlaySoundResult } from './sound-messages';

/** The badge calls both toolbar-button APIs share: MV3's `action`, Firefox MV2's `browserAction`. */
export interface ToolbarButton {
  setBadgeText(details: { text: string }): Promise<void>;
  getBadgeText(details: { tabId?: number }): Promise<string>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

export interface Platform {
  /** 'chrome' or 'firefox': for logs and diagnostics only; behaviour goes through the members below. */
  readonly name: 'chrome' | 'firefox';
  /**
   * Opens Parley's panel (Chrome's side panel in that window, Firefox's sidebar in the active one).
   * Call it before anything is awaited in a user action's handler; it rejects when the browser
   * refuses (no gesture, or none the browser counts).
   */
  openPanel(windowId: number): Promise<void>;
  /** Whether an extension page's button can open the panel (Chrome before 116 has no sidePanel.open). */
  canOpenPanel(): boolean;
  /** Plays an alert sound; resolves when the browser really started it, or with why it did not. */
  playSound(url: string): Promise<PlaySoundResult>;
  /** The toolbar button, for the badge. */
  toolbarButton(): ToolbarButton;
}
