import type { Conversation, CrmNotification, HubEvent, RepServerFrame } from '#protocol';
import type { ParleyDb } from '#utils/db';
import type { Alerts } from './alerts';
import { applyEvents } from './apply-events';
import { applySnapshot } from './apply-snapshot';
import { updateBadge } from './badge';

type SnapshotFrame = Extract<RepServerFrame, { type: 'snapshot' }>;

/**
 * Applies the hub's events to Dexie in arrival order, batching whatever arrives while a transaction
 * is running, then alerts (new pending chats, CRM notices) and refreshes the badge. A full re-sync's
 * snapshot pages (issue 14) go through the same queue, so the events replayed after them are written
 * after them.
 */
export interface EventApplier {
  push(event: HubEvent): void;
  snapshot(frame: SnapshotFrame): void;
  /** Resolves once every pushed event is written. */
  drained(): Promise<void>;
  /**
   * A fresh inbox replaying the hub's whole log is not news: while quiet, nothing alerts. Set before
   * a hello goes out; cleared by `synced`.
   */
  setQuiet(quiet: boolean): void;
}

export interface EventApplierOptions {
  alerts?: Pick<Alerts, 'newPending'> & Partial<Pick<Alerts, 'crmNotices'>>;
  /** A batch could not be written: the caller reconnects so the hub replays from lastEventId. */
  onApplyFailed: () => void;
}

export function createEventApplier(db: ParleyDb, options: EventApplierOptions): EventApplier {
  let buffer: (HubEvent | SnapshotFrame)[] = [];
  let quiet = false;
  let applying: Promise<void> | null = null;

  function scheduleApply(): Promise<void> {
    applying ??= (async () => {
      while (buffer.length > 0) {
        const batch = buffer;
        buffer = [];
        const newlyPending: Conversation[] = [];
        const notices: CrmNotification[] = [];
        try {
          // Events in one transaction each run between snapshot pages, in arrival order.
          let events: HubEvent[] = [];
          for (const item of batch) {
            if (!('type' in item)) {
              events.push(item);
              continue;
            }
            await applyEvents(db, events, newlyPending, notices);
            events = [];
            await applySnapshot(db, item);
          }
          await applyEvents(db, events, newlyPending, notices);
          if (!quiet) void options.alerts?.newPending(newlyPending);
          if (!quiet && notices.length) void options.alerts?.crmNotices?.(notices);
        } catch (error) {
          // lastEventId did not move; reconnecting makes the hub replay from it, so nothing is skipped.
          console.error('[parley] applying events failed; resyncing', error);
          buffer = [];
          options.onApplyFailed();
        }
        await updateBadge(db);
      }
    })().finally(() => {
      applying = null;
    });
    return applying;
  }

  return {
    push(event) {
      buffer.push(event);
      void scheduleApply();
    },
    snapshot(frame) {
      buffer.push(frame);
      void scheduleApply();
    },
    async drained() {
      while (applying) await applying;
    },
    setQuiet(value) {
      quiet = value;
    },
  };
}
