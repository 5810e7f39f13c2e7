/**
 * A rep socket's close, as the steps of its hello see it.
 * Race guarded: the hello reads the database between its steps; a socket that closed meanwhile must
 * not go on to count as present or to join the feeds, since its close handler has already run. So
 * each step hands its undo to `keep`: kept for the close, or run at once when the socket has already
 * closed, and then the hello goes no further.
 */
export interface SocketLife {
  readonly closed: boolean;
  /** Runs `undo` when the socket closes; if it already has, runs it now and returns false. */
  keep(undo: () => void): boolean;
}

export function watchClose(ws: { on(event: 'close', listener: () => void): unknown }): SocketLife {
  let closed = false;
  const undos: (() => void)[] = [];
  ws.on('close', () => {
    closed = true;
    for (const undo of undos.splice(0)) undo();
  });
  return {
    get closed() {
      return closed;
    },
    keep(undo) {
      if (closed) {
        undo();
        return false;
      }
      undos.push(undo);
      return true;
    },
  };
}
