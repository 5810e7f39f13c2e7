import type { AccountChange, RepProfile, RepServerFrame, SignOutReason } from '#protocol';
import { acting, repForToken } from '../../auth/sessions';
import { hashToken } from '../../auth/tokens';
import { chatsForRep } from '../../inbox/rep';
import type { HubContext } from '../context';
import type { RepSession } from './session';

/**
 * A rep socket following its account (FEATURES H1). The socket reads its session again before every
 * command, so a new role applies to the next command and an ended session runs none; and at once
 * when the account changes (a `rep.account` event, from any hub process), so a disabled rep's
 * socket closes within the feed's delay, not at their next click. Ended: a `signedOut` frame with
 * the reason, then the close code that makes the extension sign out.
 */
export interface AccountWatch {
  /** Reads the account again; false when the session has ended (the socket is then closing). */
  check(hint?: AccountChange): Promise<boolean>;
}

const sameProfile = (a: RepProfile, b: RepProfile) =>
  a.role === b.role && a.mode === b.mode && a.name === b.name && a.email === b.email;

export function createAccountWatch(
  ctx: Pick<HubContext, 'db' | 'chatReps'>,
  token: string,
  session: () => RepSession,
  send: (f: RepServerFrame) => void,
  close: (code: number, reason: string) => void,
  closeCode: number,
): AccountWatch {
  let ended = false;

  async function reasonFor(repId: string, hint?: AccountChange): Promise<SignOutReason> {
    const [row] = await ctx.db.query<{ disabled: boolean; deleted: boolean; expired: boolean }>(
      `select r.disabled_at is not null as disabled, r.deleted_at is not null as deleted,
              exists (select 1 from sessions s where s.token_hash = $2 and s.expires_at <= now()) as expired
         from reps r where r.id = $1`,
      [repId, hashToken(token)],
    );
    if (!row || row.deleted) return 'deleted';
    if (row.disabled) return 'disabled';
    if (row.expired) return 'expired';
    return hint === 'password' ? 'password' : 'signedOut';
  }

  return {
    async check(hint) {
      if (ended) return false;
      const s = session();
      const fresh = await repForToken(ctx.db, token);
      if (ended) return false;
      if (!fresh) {
        ended = true;
        const reason = await reasonFor(s.rep.id, hint);
        send({ type: 'signedOut', reason });
        close(closeCode, `signed out: ${reason}`);
        return false;
      }
      // Availability is the socket's own business (presence); only who they are and may be counts here.
      const updated = { ...fresh, status: s.rep.status };
      if (sameProfile(updated, s.rep)) return true;
      s.rep = updated;
      s.chats = await chatsForRep(ctx.db, acting(updated));
      if (s.peer) s.peer.rep = acting(updated);
      ctx.chatReps.invalidateAll();
      // What this rep may see may have changed: the client drops its copy and resumes from the start.
      send({ type: 'profile', rep: updated });
      return true;
    },
  };
}
