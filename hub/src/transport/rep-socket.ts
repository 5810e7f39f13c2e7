import type { WebSocket } from 'ws';
import { RepClientFrame, type RepServerFrame } from '#protocol';
import { HubError } from '../inbox/errors';
import type { HubContext } from './context';
import { authenticate, CLOSE_UNAUTHORIZED } from './rep-socket/auth';
import { commandHandlers, type RepHandlers } from './rep-socket/commands';
import { join } from './rep-socket/join';
import { watchClose } from './rep-socket/lifecycle';
import { createSession, type RepSession } from './rep-socket/session';
import { serveFrames } from './socket-base';

/**
 * A rep's socket: frames parsed and handled in order (socket-base.ts), each by its handler in one
 * typed map. The units it composes live in rep-socket/: authentication (auth.ts), the hello's steps
 * (join.ts) with the replay-then-live stream (event-stream.ts), presence and peers (peers.ts), work
 * chats (work-chats-teller.ts) and closing warnings (closing-warnings.ts); the commands (commands.ts).
 */
export { CLOSE_UNAUTHORIZED, CLOSE_VERSION } from './rep-socket/auth';
export { eventFor, visibleTo } from './rep-socket/visibility';

export function serveRepSocket(ws: WebSocket, ctx: HubContext): void {
  const life = watchClose(ws);
  let session: RepSession | null = null;
  const frames = serveFrames(ws, ctx, 'rep', RepClientFrame, async (f) => {
    // Every command runs as the account is now (FEATURES H1): a new role applies to it, an ended session runs nothing.
    if (session && f.type !== 'ping' && !(await session.account.check())) return;
    await (handlers[f.type] as (f: RepClientFrame) => Promise<void>)(f);
  });
  const send: (f: RepServerFrame) => void = frames.send;
  const handlers: RepHandlers = {
    async hello(f) {
      if (session) throw new HubError('bad_frame', 'hello was already sent');
      const rep = await authenticate(ctx.db, ws, send, f);
      if (!rep) return;
      session = createSession(ctx, rep, send, {
        token: f.token,
        close: (code, reason) => ws.close(code, reason),
        closeCode: CLOSE_UNAUTHORIZED,
      });
      await join(ctx, session, life, send, f.lastEventId);
    },
    ...commandHandlers(ctx, send, () => session),
  };
}
