import { hashToken, newToken } from '../auth/tokens';
import type { Sql } from '../storage/db';
import { newId } from '../storage/ids';

/**
 * Who a web visitor is (issue 14): the widget holds a credential the hub minted — a random secret,
 * stored here only as its SHA-256 — and presents it in `hello` and on its file requests. The visitor
 * id is public (reps see it, their extension stores it) and opens nothing by itself.
 */

/** A new visitor of this chat; the token is returned once, for the widget to keep. */
export async function mintVisitor(db: Sql, chatId: string, ip: string | null): Promise<{ id: string; token: string }> {
  const id = newId('v');
  const token = newToken();
  await db.query('insert into visitors (id, chat_id, ip, token_hash) values ($1, $2, $3, $4)', [
    id,
    chatId,
    ip,
    hashToken(token),
  ]);
  return { id, token };
}

/** The visitor this credential belongs to, in this chat (any chat when null); null for an unknown one. */
export async function visitorForToken(db: Sql, chatId: string | null, token: string): Promise<string | null> {
  const [row] = await db.query<{ id: string }>(
    'select id from visitors where token_hash = $1 and ($2::text is null or chat_id = $2)',
    [hashToken(token), chatId],
  );
  return row?.id ?? null;
}
