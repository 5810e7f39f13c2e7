import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Availability } from '#protocol';
import type { CommandResult, SettableStatus } from '#utils/messaging';
import { autoAwayItem, createIdlePresence } from './idle';

/** A rep whose status the fake hub changes when asked, like the real one. */
function setup(initial: Availability, answer: CommandResult = { ok: true }) {
  let status: Availability = initial;
  const setStatus = vi.fn(async (next: SettableStatus) => {
    if (answer.ok) status = next;
    return answer;
  });
  const presence = createIdlePresence({ currentStatus: async () => status, setStatus });
  return { presence, setStatus, status: () => status, changeElsewhere: (next: Availability) => (status = next) };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('idle presence (FEATURES A5)', () => {
  it('turns an online rep away when idle and back online when active', async () => {
    const { presence, setStatus, status } = setup('online');
    await presence.onStateChanged('idle');
    expect(status()).toBe('away');
    expect(await autoAwayItem.getValue()).toBe(true);
    await presence.onStateChanged('active');
    expect(status()).toBe('online');
    expect(setStatus.mock.calls).toEqual([['away'], ['online']]);
    expect(await autoAwayItem.getValue()).toBe(false);
  });

  it('treats a locked screen like idle', async () => {
    const { presence, status } = setup('online');
    await presence.onStateChanged('locked');
    expect(status()).toBe('away');
  });

  it('leaves a rep who chose away (or invisible) alone, both ways', async () => {
    for (const chosen of ['away', 'invisible'] as const) {
      const { presence, setStatus } = setup(chosen);
      await presence.onStateChanged('idle');
      await presence.onStateChanged('active');
      expect(setStatus).not.toHaveBeenCalled();
    }
  });

  it('does not bring back online a rep who picked a status by hand while idle', async () => {
    const { presence, setStatus, status } = setup('online');
    await presence.onStateChanged('idle');
    await presence.manualStatus('away');
    await presence.onStateChanged('active');
    expect(status()).toBe('away');
    expect(setStatus.mock.calls).toEqual([['away'], ['away']]);
  });

  it('keeps an invisible rep invisible when activity returns after an automatic away', async () => {
    const { presence, setStatus, status, changeElsewhere } = setup('online');
    await presence.onStateChanged('idle');
    // Changed from another device; the hub told this worker through rep.status.
    changeElsewhere('invisible');
    await presence.onStateChanged('active');
    expect(status()).toBe('invisible');
    expect(setStatus.mock.calls).toEqual([['away']]);
  });

  it('does not remember an away the hub refused', async () => {
    const { presence, setStatus } = setup('online', { ok: false, code: 'offline', message: 'down' });
    await presence.onStateChanged('idle');
    expect(await autoAwayItem.getValue()).toBe(false);
    await presence.onStateChanged('active');
    expect(setStatus.mock.calls).toEqual([['away']]);
  });
});
