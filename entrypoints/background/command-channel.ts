import type { RepCommand } from '#protocol';
import { connectionStateItem } from '#utils/settings';
import type { CommandFailure, CommandResult } from '#utils/messaging';
import type { HubConnection, LinkState } from './hub-connection';
import type { WithoutReqId } from './inbox-commands';
import { createRequestTracker, type RequestTracker } from './requests';

/**
 * Commands to the hub and their answers: stamps a reqId, waits a little for a link that is still
 * being made (e.g. the worker just woke), and settles with the hub's answer, a timeout, or 'offline'.
 */
export interface CommandChannel {
  /** `T` is the expected success shape for this command's answer. */
  ask<T extends { ok: true }>(frame: WithoutReqId<RepCommand>): Promise<T | CommandFailure>;
  /** A command answered by a plain ack. */
  command(frame: WithoutReqId<RepCommand>): Promise<CommandResult>;
  /** Give every link state change here: it is stored for the UI and releases or fails waiting commands. */
  onStateChange(state: LinkState): void;
  readonly requests: RequestTracker;
}

export interface CommandChannelOptions {
  connection: () => HubConnection | null;
  commandTimeoutMs?: number;
  waitOnlineMs?: number;
}

export function createCommandChannel(options: CommandChannelOptions): CommandChannel {
  const requests = createRequestTracker(options.commandTimeoutMs ?? 10_000);
  const stateListeners = new Set<(state: LinkState) => void>();

  /** Resolves true once online, false after `ms` (or at once when there is no connection to wait for). */
  function waitOnline(ms: number): Promise<boolean> {
    const connection = options.connection();
    if (connection?.isOnline) return Promise.resolve(true);
    if (!connection?.isRunning) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (online: boolean) => {
        clearTimeout(timer);
        stateListeners.delete(listener);
        resolve(online);
      };
      const listener = (state: LinkState) => state === 'online' && done(true);
      const timer = setTimeout(() => done(false), ms);
      stateListeners.add(listener);
    });
  }

  async function ask<T extends { ok: true }>(frame: WithoutReqId<RepCommand>): Promise<T | CommandFailure> {
    await waitOnline(options.waitOnlineMs ?? 5_000);
    const reqId = crypto.randomUUID();
    if (!options.connection()?.send({ ...frame, reqId } as RepCommand)) {
      return { ok: false, code: 'offline', message: 'not connected to the hub' };
    }
    return requests.wait<T>(reqId);
  }

  return {
    ask,
    command: (frame) => ask<Extract<CommandResult, { ok: true }>>(frame),
    onStateChange(state) {
      void connectionStateItem.setValue(state);
      if (state === 'offline') requests.failAll('offline', 'the connection to the hub dropped');
      for (const listener of stateListeners) listener(state);
    },
    requests,
  };
}
