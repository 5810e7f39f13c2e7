import type { WebSocket } from 'ws';
import { CLOSE_GOING_AWAY, HTTP_LIMITS } from '#protocol';

/**
 * Every open socket of one hub, so that a stopping hub can let each finish the commands it had
 * accepted, close it with 1001 (clients reconnect at once: to this hub restarted, or another one)
 * and cut whatever has not closed by the deadline.
 */
export interface SocketRegistry {
  /** `idle()` resolves once every frame the socket has accepted so far is handled. */
  add(ws: WebSocket, idle: () => Promise<void>, kind: SocketKind): void;
  /** Sockets open now of one kind (the metrics, metrics/metrics.ts). */
  count(kind: SocketKind): number;
  /** True once the hub is stopping: frames arriving now are not handled (clients send them again after reconnecting). */
  readonly stopping: boolean;
  closeAll(): Promise<void>;
}

export type SocketKind = 'rep' | 'visitor';

const closed = (ws: WebSocket) =>
  ws.readyState === ws.CLOSED ? Promise.resolve() : new Promise<void>((resolve) => ws.once('close', () => resolve()));

export function createSocketRegistry(drainMs: number = HTTP_LIMITS.shutdownDrainMs): SocketRegistry {
  const open = new Map<WebSocket, () => Promise<void>>();
  const kinds = new Map<WebSocket, SocketKind>();
  let stopping = false;
  return {
    add(ws, idle, kind) {
      open.set(ws, idle);
      kinds.set(ws, kind);
      ws.once('close', () => {
        open.delete(ws);
        kinds.delete(ws);
      });
    },
    count: (kind) => [...kinds.values()].filter((k) => k === kind).length,
    get stopping() {
      return stopping;
    },
    async closeAll() {
      stopping = true;
      const all = [...open];
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)));
      const drained = Promise.all(
        all.map(async ([ws, idle]) => {
          await idle();
          ws.close(CLOSE_GOING_AWAY, 'the hub is restarting');
          await closed(ws);
        }),
      );
      await Promise.race([drained, deadline]);
      clearTimeout(timer);
      for (const [ws] of all) if (ws.readyState !== ws.CLOSED) ws.terminate();
    },
  };
}
