import type { RepProfile, RepServerFrame } from '#protocol';
import { closingSoonFor } from '../../inbox/modes';
import type { HubContext } from '../context';
import type { RepPeer } from '../viewers';
import { createAccountWatch, type AccountWatch } from './account-watch';
import { createClosingWarnings, type ClosingWarnings } from './closing-warnings';

/**
 * Who a rep socket speaks for once its hello's token is accepted. Changing mode (setMode) or a
 * super user changing the account (account-watch.ts) changes the rep, the chats whose events they
 * see and the peer others see; the commands and the feed filter read them here at each use.
 */
export interface RepSession {
  /** As stored, with their chosen mode (`acting` gives the rep as the rules see them). */
  rep: RepProfile;
  /** The chats whose events this rep may see in their current mode; read during the hello. */
  chats: string[] | 'all';
  /** This socket as collision detection and the sneak peek know it; set once synced. */
  peer: RepPeer | null;
  warnings: ClosingWarnings;
  /** The session token's account, read again before each command and when it changes. */
  account: AccountWatch;
}

export function createSession(
  ctx: HubContext,
  rep: RepProfile,
  send: (f: RepServerFrame) => void,
  auth: { token: string; close(code: number, reason: string): void; closeCode: number },
): RepSession {
  const session: RepSession = {
    rep,
    chats: [],
    peer: null,
    warnings: createClosingWarnings(() => closingSoonFor(ctx.db, rep.id, ctx.now()), send, ctx.log),
    account: createAccountWatch(ctx, auth.token, () => session, send, auth.close, auth.closeCode),
  };
  return session;
}
