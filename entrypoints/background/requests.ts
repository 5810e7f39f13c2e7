import type { ErrorFrame } from '#protocol';
import type { CommandErrorCode, CommandFailure, CommandResult } from '#utils/messaging';

/**
 * Matches the hub's answers (`ack`, `reps`, `error`) to the commands that asked, by reqId. A command
 * with no answer within the timeout settles as 'timeout'; when the link drops every waiting command
 * settles as 'offline' (the caller may retry: commands carry a clientId the hub dedupes by).
 */
export interface RequestTracker {
  /** `T` is the success shape the caller expects for this reqId (an ack, or a `reps` answer). */
  wait<T extends { ok: true } = Extract<CommandResult, { ok: true }>>(reqId: string): Promise<T | CommandFailure>;
  ack(reqId: string, messageId?: string): void;
  /** Settles with any success shape, e.g. `{ ok: true, reps }` for a search. */
  answer<T extends { ok: true }>(reqId: string, result: T): void;
  fail(frame: ErrorFrame): void;
  failAll(code: CommandErrorCode, message: string): void;
  readonly size: number;
}

export function createRequestTracker(timeoutMs = 10_000): RequestTracker {
  type Settled = { ok: boolean; [field: string]: unknown };
  const waiting = new Map<string, { settle: (result: Settled) => void }>();

  function settle(reqId: string, result: Settled) {
    waiting.get(reqId)?.settle(result);
  }

  return {
    wait<T>(reqId: string) {
      return new Promise<T | CommandFailure>((resolve) => {
        const timer = setTimeout(
          () =>
            settle(reqId, {
              ok: false,
              code: 'timeout',
              message: 'the hub did not answer in time',
            } satisfies CommandFailure),
          timeoutMs,
        );
        waiting.set(reqId, {
          settle(result) {
            clearTimeout(timer);
            waiting.delete(reqId);
            resolve(result as T | CommandFailure);
          },
        });
      });
    },
    ack(reqId, messageId) {
      settle(reqId, messageId ? { ok: true, messageId } : { ok: true });
    },
    answer(reqId, result) {
      settle(reqId, result);
    },
    fail(frame) {
      if (frame.reqId)
        settle(frame.reqId, { ok: false, code: frame.code, message: frame.message } satisfies CommandFailure);
    },
    failAll(code, message) {
      for (const reqId of [...waiting.keys()]) settle(reqId, { ok: false, code, message } satisfies CommandFailure);
    },
    get size() {
      return waiting.size;
    },
  };
}
