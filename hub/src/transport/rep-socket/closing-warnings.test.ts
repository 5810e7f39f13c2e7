import { describe, expect, it, vi } from 'vitest';
import type { RepServerFrame } from '#protocol';
import { createClosingWarnings } from './closing-warnings';

const shop = { chatId: 'ch_demo', chatName: 'Demo shop', closesAt: '2026-11-23T17:00:00.000Z' };

describe('closing warnings of one rep socket', () => {
  it('warns once per chat and closing time, even from two checks at once', async () => {
    let closing = [shop];
    const sent: RepServerFrame[] = [];
    const warnings = createClosingWarnings(
      async () => closing,
      (f) => sent.push(f),
      { error: () => {} },
    );
    await Promise.all([warnings.check(), warnings.check()]);
    await warnings.check();
    expect(sent).toEqual([{ type: 'closingSoon', ...shop }]);
    // The same chat closing again later (after lunch, say) is a new warning.
    closing = [{ ...shop, closesAt: '2026-11-23T12:00:00.000Z' }, shop];
    await warnings.check();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({ type: 'closingSoon', ...closing[0] });
  });

  it('a failed read warns no one and does not throw but is logged; the next check warns', async () => {
    let read = async (): Promise<(typeof shop)[]> => Promise.reject(new Error('database gone'));
    const sent: RepServerFrame[] = [];
    const log = { error: vi.fn() };
    const warnings = createClosingWarnings(
      () => read(),
      (f) => sent.push(f),
      log,
    );
    await expect(warnings.check()).resolves.toBeUndefined();
    expect(log.error).toHaveBeenCalledWith({ err: new Error('database gone') }, 'closing check failed');
    read = async () => [shop];
    await warnings.check();
    expect(sent).toEqual([{ type: 'closingSoon', ...shop }]);
  });
});
