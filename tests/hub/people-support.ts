import { randomUUID } from 'node:crypto';
import { login } from '#hub/auth/sessions';
import { postVisitorMessage, touchVisitor } from '#hub/inbox/visitor';
import { takeConversation } from '#hub/inbox/rep';
import { invite } from '#hub/people/accounts';
import type { Db } from '#hub/storage/db';
import { Invite, type RepProfile } from '#protocol';

/** What the people tests share (FEATURES H1): a password the rules accept, an invitation, a taken chat, a token. */
export const GOOD = 'tall-violet-harbour-42';
/** As the REST route does: the body parsed (email lower-cased) before the rule runs. */
export const inviting = (db: Db, body: unknown) => invite(db, 'r_alex', Invite.parse(body));
export const snapshot = (db: Db) =>
  db.query(`select id, email, role, mode, disabled_at, deleted_at, password_hash from reps order by id`);
/** A visitor's new conversation, taken by `rep`: its id. */
export async function takenBy(db: Db, rep: RepProfile): Promise<string> {
  await touchVisitor(db, 'ch_demo', 'visitor-people');
  const { message } = await postVisitorMessage(db, {
    chatId: 'ch_demo',
    visitorId: 'visitor-people',
    clientId: randomUUID(),
    text: 'hello',
    pageUrl: 'https://shop.example/',
  });
  await takeConversation(db, rep, message.conversationId, randomUUID());
  return message.conversationId;
}
export const tokenOf = async (db: Db, email: string, password = 'parley-demo') =>
  (await login(db, email, password))!.token;
