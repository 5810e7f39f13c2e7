import type { ErrorFrame } from '../../protocol';
import type { CommandErrorCode, CommandResult } from '../../utils/messaging';

/**
 * Matches the hub's `ack` / `error` frames to the commands that asked, by reqId. A command with no
 * answer within the timeout settles as 'timeout'; when the link drops every waiting command settles
 * as 'offline' (the caller may retry: take is idempotent for the winner, send is deduped by clientId).
 */
export interface RequestTracker {
  wait(reqId: string): Promise<CommandResult>;
  ack(reqId: string, messageId?: string): void;
  fail(frame: ErrorFrame): void;
  failAll(code: CommandErrorCode, message: string): void;
  readonly size: number;
}

export function createRequestTracker(timeoutMs = 10_000): RequestTracker {
  const waiting = new Map<string, { settle: (result: CommandResult) => void }>();

  function settle(reqId: string, result: CommandResult) {
    waiting.get(reqId)?.settle(result);
  }

  return {
    wait(reqId) {
      return new Promise<CommandResult>((resolve) => {
        const timer = setTimeout(
          () => settle(reqId, { ok: false, code: 'timeout', message: 'the hub did not answer in time' }),
          timeoutMs,
        );
        waiting.set(reqId, {
          settle(result) {
            clearTimeout(timer);
            waiting.delete(reqId);
            resolve(result);
          },
        });
      });
    },
    ack(reqId, messageId) {
      settle(reqId, messageId ? { ok: true, messageId } : { ok: true });
    },
    fail(frame) {
      if (frame.reqId) settle(frame.reqId, { ok: false, code: frame.code, message: frame.message });
    },
    failAll(code, message) {
      for (const reqId of [...waiting.keys()]) settle(reqId, { ok: false, code, message });
    },
    get size() {
      return waiting.size;
    },
  };
}
