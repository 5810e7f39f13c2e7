import type { RepServerFrame } from '#protocol';
import type { Log } from '../../log';

/**
 * FEATURES B4 on one rep socket: warned once per closing time for each chat where the rep has active
 * conversations, checked every minute and after each of their commands.
 * Race guarded: two checks in flight at once (a command's and the minute's) warn once, since the
 * warned set is read and filled with no await in between.
 */
export const CLOSING_CHECK_MS = 60_000;

type ClosingSoon = Omit<Extract<RepServerFrame, { type: 'closingSoon' }>, 'type'>;

export interface ClosingWarnings {
  /** Sends the warnings not sent yet; a failed read is logged, never thrown. */
  check(): Promise<void>;
  /** Checks now and every minute; returns the stop. */
  start(): () => void;
}

export function createClosingWarnings(
  read: () => Promise<ClosingSoon[]>,
  send: (f: RepServerFrame) => void,
  log: Pick<Log, 'error'>,
): ClosingWarnings {
  const warned = new Set<string>();
  async function check() {
    try {
      for (const w of await read()) {
        const key = `${w.chatId}@${w.closesAt}`;
        if (warned.has(key)) continue;
        warned.add(key);
        send({ type: 'closingSoon', ...w });
      }
    } catch (err) {
      log.error({ err }, 'closing check failed');
    }
  }
  return {
    check,
    start() {
      const timer = setInterval(() => void check(), CLOSING_CHECK_MS);
      void check();
      return () => clearInterval(timer);
    },
  };
}
