import { hashPassword } from '../auth/passwords';
import { endSessions } from '../auth/sessions';
import { writeTx } from '../events/log';
import { HubError } from '../inbox/errors';
import type { Db } from '../storage/db';
import { logAccountChange } from './accounts';
import { findLink, LINK_GONE, useLink } from './links';
import { passwordProblem } from './password-rules';

/**
 * The invitee or the rep whose password was reset sets it through their one-time link (FEATURES H1).
 * The link is then used up, and any session the account still had ends.
 */
export async function setPasswordWithLink(db: Db, token: string, password: string): Promise<{ email: string }> {
  const link = await findLink(db, token);
  if (!link) throw new HubError('not_found', LINK_GONE);
  const problem = passwordProblem(password, link);
  if (problem) throw new HubError('bad_frame', `password: ${problem}`);
  // Hashed before the transaction: scrypt takes tens of milliseconds, too long to hold the log's lock.
  const hash = await hashPassword(password);
  await writeTx(db, async (tx) => {
    // Looked up again, locked: of two uses of one link at once, only the first finds it unused.
    const locked = await findLink(tx, token, true);
    if (!locked || locked.rep_id !== link.rep_id) throw new HubError('not_found', LINK_GONE);
    await tx.query('update reps set password_hash = $2 where id = $1', [link.rep_id, hash]);
    await useLink(tx, token);
    await endSessions(tx, link.rep_id);
    await logAccountChange(tx, link.rep_id, 'password');
  });
  return { email: link.email };
}
