/**
 * Sneak peek (FEATURES D2): the visitor's draft shown to the rep before it is sent, and "typing…" shown
 * to the visitor while the rep types. Neither is history: nothing of it is stored.
 */
export const SNEAK_PEEK = {
  /** Characters of a draft relayed; the widget sends no more, the hub refuses more. */
  draftChars: 1000,
  /** The widget waits this long after the last keystroke before sending the draft. */
  draftDebounceMs: 300,
  /** While the rep keeps typing, "typing" is said again at most this often. */
  typingRefreshMs: 3000,
  /** The rep stopped typing this long ago: "not typing" is sent. */
  typingIdleMs: 4000,
  /** The visitor's "typing…" goes away by itself after this long without news (a lost "stopped"). */
  typingShownMs: 6000,
} as const;
