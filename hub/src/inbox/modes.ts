import { MODES_FOR_ROLE, type BusinessHours, type RepProfile, type Role } from '#protocol';
import { toProfile, type RepRow } from '../auth/sessions';
import { writeTx } from '../events/log';
import { closingWithin } from '../routing/hours';
import type { Db, Sql } from '../storage/db';
import { HubError } from './errors';
import { once } from './once';
import { recordStatus } from './rep';

/** FEATURES A4: a rep works in a mode their role grants; the hub refuses any other. */
export async function setMode(
  db: Db,
  rep: RepProfile,
  mode: Role,
  clientId: string,
  now = Date.now(),
): Promise<RepProfile> {
  if (!MODES_FOR_ROLE[rep.role].includes(mode))
    throw new HubError('forbidden', `your role (${rep.role}) does not allow ${mode} mode`);
  return writeTx(db, async (tx) => {
    await once(tx, `r:${rep.id}`, clientId, 'setMode', async () => {
      await tx.query('update reps set mode = $2 where id = $1', [rep.id, mode]);
      const [row] = await tx.query<RepRow>('select * from reps where id = $1', [rep.id]);
      // An observer takes no chats: offers move on, visitors hear who can answer, and back at work
      // the waiting chats come to them — as a change of availability would do.
      await recordStatus(tx, toProfile(row), row.status, now);
      return { mode };
    });
    const [row] = await tx.query<RepRow>('select * from reps where id = $1', [rep.id]);
    return toProfile(row);
  });
}

/** Warn this many minutes before a chat closes by its schedule (FEATURES B4). */
export const CLOSING_WARNING_MS = 15 * 60_000;

/** Chats closing within the warning window in which the rep has active conversations. */
export async function closingSoonFor(
  db: Sql,
  repId: string,
  now: number,
): Promise<{ chatId: string; chatName: string; closesAt: string }[]> {
  const chats = await db.query<{ id: string; name: string; hours: BusinessHours }>(
    `select distinct ch.id, ch.name, ch.hours from conversations c join chats ch on ch.id = c.chat_id
      where c.owner_id = $1 and c.status = 'active' and ch.hours is not null`,
    [repId],
  );
  return chats.flatMap((c) => {
    const at = closingWithin(c.hours, new Date(now), CLOSING_WARNING_MS);
    return at ? [{ chatId: c.id, chatName: c.name, closesAt: at.toISOString() }] : [];
  });
}
