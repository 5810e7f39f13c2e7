import { storage } from 'wxt/utils/storage';
import type { Availability } from '#protocol';
import type { CommandResult, SettableStatus } from '#utils/messaging';

/**
 * Idle detection (FEATURES A5): an idle or locked machine turns an online rep away, and activity turns
 * them back online, but only when the away was ours; a rep who chose away stays away.
 */

/** Seconds without input before the browser reports idle. */
export const IDLE_SECONDS = 5 * 60;

/** Whether the current away was set by idle detection; session-scoped, it must survive a worker restart. */
export const autoAwayItem = storage.defineItem<boolean>('session:autoAway', { fallback: false });

export type IdleState = 'active' | 'idle' | 'locked';

export interface IdlePresenceDeps {
  currentStatus(): Promise<Availability | null>;
  setStatus(status: SettableStatus): Promise<CommandResult>;
}

export function createIdlePresence(deps: IdlePresenceDeps) {
  return {
    async onStateChanged(state: IdleState): Promise<void> {
      const status = await deps.currentStatus();
      if (state === 'active') {
        if (!(await autoAwayItem.getValue())) return;
        await autoAwayItem.setValue(false);
        // Only undo our own away: a rep who went invisible meanwhile keeps that.
        if (status === 'away') await deps.setStatus('online');
        return;
      }
      // Invisible and away reps get no offers already; only an online rep needs turning away.
      if (status !== 'online') return;
      const result = await deps.setStatus('away');
      if (result.ok) await autoAwayItem.setValue(true);
    },

    /** A status the rep picked by hand: idle detection must not undo it later. */
    async manualStatus(status: SettableStatus): Promise<CommandResult> {
      await autoAwayItem.setValue(false);
      return deps.setStatus(status);
    },
  };
}

export type IdlePresence = ReturnType<typeof createIdlePresence>;
