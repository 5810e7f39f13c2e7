import type { RepProfile, RepServerFrame } from '#protocol';
import { closingSoonFor } from '../../inbox/modes';
import type { HubContext } from '../context';
import type { RepPeer } from '../viewers';
import { createClosingWarnings, type ClosingWarnings } from './closing-warnings';

/**
 * Who a rep socket speaks for once its hello's token is accepted. Changing mode (setMode) changes
 * the rep, the chats whose events they see and the peer others see; the commands and the feed
 * filter read them here at each use.
 */
export interface RepSession {
  /** As stored, with their chosen mode (`acting` gives the rep as the rules see them). */
  rep: RepProfile;
  /** The chats whose events this rep may see in their current mode; read during the hello. */
  chats: string[] | 'all';
  /** This socket as collision detection and the sneak peek know it; set once synced. */
  peer: RepPeer | null;
  warnings: ClosingWarnings;
}

export function createSession(ctx: HubContext, rep: RepProfile, send: (f: RepServerFrame) => void): RepSession {
  return {
    rep,
    chats: [],
    peer: null,
    warnings: createClosingWarnings(() => closingSoonFor(ctx.db, rep.id, ctx.now()), send, ctx.log),
  };
}
