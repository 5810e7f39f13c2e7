import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SNEAK_PEEK } from '#protocol/sneak-peek';
import { DraftSender, TypingIndicator } from './live';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the draft the widget sends (sneak peek)', () => {
  it('sends nothing until the hub says sneak peek is on, then the last text after a pause, once', () => {
    const sent: unknown[] = [];
    const drafts = new DraftSender((f) => (sent.push(f), true));
    drafts.changed('hello');
    vi.advanceTimersByTime(SNEAK_PEEK.draftDebounceMs * 2);
    expect(sent).toEqual([]);
    drafts.setEnabled(true);
    drafts.changed('he');
    drafts.changed('hel');
    drafts.changed('hello');
    vi.advanceTimersByTime(SNEAK_PEEK.draftDebounceMs - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([{ type: 'draft', text: 'hello' }]);
    drafts.changed('hello');
    vi.advanceTimersByTime(SNEAK_PEEK.draftDebounceMs);
    expect(sent).toHaveLength(1);
    drafts.changed('   ');
    vi.advanceTimersByTime(SNEAK_PEEK.draftDebounceMs);
    expect(sent.at(-1)).toEqual({ type: 'draft', text: '' });
  });

  it('cuts a long draft to the limit, stops when switched off, and drops a pending one on send', () => {
    const sent: { text: string }[] = [];
    const drafts = new DraftSender((f) => (sent.push(f as { text: string }), true));
    drafts.setEnabled(true);
    drafts.changed('x'.repeat(SNEAK_PEEK.draftChars + 50));
    vi.advanceTimersByTime(SNEAK_PEEK.draftDebounceMs);
    expect(sent[0].text).toHaveLength(SNEAK_PEEK.draftChars);
    drafts.changed('about to send');
    drafts.sent();
    vi.advanceTimersByTime(SNEAK_PEEK.draftDebounceMs * 2);
    expect(sent).toHaveLength(1);
    drafts.changed('private');
    drafts.setEnabled(false);
    vi.advanceTimersByTime(SNEAK_PEEK.draftDebounceMs * 2);
    drafts.changed('still private');
    vi.advanceTimersByTime(SNEAK_PEEK.draftDebounceMs * 2);
    expect(sent).toHaveLength(1);
  });
});

describe('"typing…" shown to the visitor', () => {
  it('shows on typing, hides on stop, and hides by itself after a silence', () => {
    const shown: boolean[] = [];
    const typing = new TypingIndicator((on) => shown.push(on));
    typing.set(true);
    typing.set(true);
    expect(shown).toEqual([true]);
    typing.set(false);
    expect(shown).toEqual([true, false]);
    typing.set(true);
    vi.advanceTimersByTime(SNEAK_PEEK.typingShownMs);
    expect(shown).toEqual([true, false, true, false]);
  });
});
