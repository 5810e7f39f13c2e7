import { CRM_LIMITS, type ContactChatsCursor, type ContactChatsPage, type RepProfile } from '#protocol';
import { chatsForRep } from '../inbox/rep';
import type { Sql } from '../storage/db';
import { exactTime } from '../storage/keyset';

type ContactChatRow = {
  id: string;
  chat_name: string;
  status: string;
  owner_name: string | null;
  owner_former: boolean;
  created_at: Date;
  position: string;
  first_message: string | null;
};

/**
 * The conversations of visitors who gave this email (FEATURES E12), newest first, one page after `before`.
 * What a rep may see is what `transcript` would show them: with the record readable (`recordReadable`,
 * decided by access.ts) every chat with the contact, as on the record's feed (E9); otherwise only the
 * conversations they can see themselves (in their chats, and owned, offered or read unless they
 * supervise). Abandoned conversations are nobody's.
 */
export async function contactChats(
  tx: Sql,
  rep: RepProfile,
  email: string,
  recordId: string | null,
  recordReadable: boolean,
  before: ContactChatsCursor | null,
): Promise<ContactChatsPage> {
  const chats = await chatsForRep(tx, rep);
  const rows = await tx.query<ContactChatRow>(
    `select c.id, ch.name as chat_name, c.status, r.name as owner_name, r.deleted_at is not null as owner_former,
            c.created_at, ${exactTime('c.created_at')} as position,
            (select left(m.text, $9) from messages m where m.conversation_id = c.id and m.author = 'visitor'
              order by m.created_at, m.id limit 1) as first_message
       from conversations c
       join visitors v on v.id = c.visitor_id
       join chats ch on ch.id = c.chat_id
       left join reps r on r.id = c.owner_id
      where ((v.email = $1 and v.email_verified) or ($10::text is not null and c.contact_id = $10)) and c.status <> 'abandoned'
        and ($2 or (($3::text[] is null or c.chat_id = any($3))
                    and ($4 or c.owner_id = $5 or $5 = any(c.readers) or (c.status = 'pending' and $5 = any(c.offered_to)))))
        and ($6::timestamptz is null or (c.created_at, c.id) < ($6, $7))
      order by c.created_at desc, c.id desc limit $8`,
    [
      email,
      recordReadable,
      chats === 'all' ? null : chats,
      rep.role !== 'rep',
      rep.id,
      before?.at ?? null,
      before?.id ?? null,
      CRM_LIMITS.contactChatsPage + 1,
      CRM_LIMITS.contactChatPreviewChars,
      recordId,
    ],
  );
  const page = rows.slice(0, CRM_LIMITS.contactChatsPage);
  const last = page.at(-1);
  return {
    conversations: page.map((r) => ({
      id: r.id,
      chatName: r.chat_name,
      status: r.status,
      ownerName: r.owner_name,
      ...(r.owner_former ? { ownerFormer: true } : {}),
      createdAt: r.created_at.toISOString(),
      firstMessage: r.first_message,
    })),
    next: rows.length > CRM_LIMITS.contactChatsPage && last ? { at: last.position, id: last.id } : null,
  };
}
