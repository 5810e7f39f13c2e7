import { SNEAK_PEEK } from '#protocol/sneak-peek';
import type { VisitorClientFrame } from '#protocol/visitor';

/**
 * Sneak peek (FEATURES D2), the widget's half: the draft goes to the hub a moment after the visitor
 * stops typing, at most SNEAK_PEEK.draftChars of it, never twice the same, and not at all while
 * the chat has it switched off (the hub says so in `features`; off until it has spoken).
 */
export class DraftSender {
  private enabled = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastSent = '';

  constructor(
    private readonly send: (frame: VisitorClientFrame) => boolean,
    private readonly debounceMs: number = SNEAK_PEEK.draftDebounceMs,
  ) {}

  setEnabled(on: boolean): void {
    this.enabled = on;
    if (!on) clearTimeout(this.timer);
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** The composer's text changed. */
  changed(text: string): void {
    if (!this.enabled) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(text), this.debounceMs);
  }

  /** The visitor sent: the hub clears the draft itself; nothing pending may follow. */
  sent(): void {
    clearTimeout(this.timer);
    this.lastSent = '';
  }

  private flush(raw: string): void {
    const text = raw.trim() === '' ? '' : raw.slice(0, SNEAK_PEEK.draftChars);
    if (!this.enabled || text === this.lastSent) return;
    if (this.send({ type: 'draft', text })) this.lastSent = text;
  }
}

/** "typing…" while a rep types: on with `typing: true`, off with `false`, a rep's message, or after a silence. */
export class TypingIndicator {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private shown = false;

  constructor(
    private readonly show: (on: boolean) => void,
    private readonly shownMs: number = SNEAK_PEEK.typingShownMs,
  ) {}

  set(typing: boolean): void {
    clearTimeout(this.timer);
    if (typing) this.timer = setTimeout(() => this.set(false), this.shownMs);
    if (typing !== this.shown) {
      this.shown = typing;
      this.show(typing);
    }
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
