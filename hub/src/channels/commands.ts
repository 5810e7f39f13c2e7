import { ChannelTemplate, fillTemplate, type RepProfile } from '#protocol';
import * as z from 'zod';
import { crmConnector } from '../crm/registry';
import { linkConversation } from '../crm/identity';
import { run, updated, type CommandArgs } from '../inbox/commands';
import { HubError } from '../inbox/errors';
import { accessFor } from '../inbox/folders';
import { chatsForRep, postRepMessage } from '../inbox/rep';
import { loadConversation } from '../inbox/rows';
import { RULES } from '../inbox/rules';
import type { Db } from '../storage/db';

/**
 * The rep's channel commands (FEATURES C9, G2) beyond Ignore (ignore.ts): Add contact — a person in
 * the customer store from the sender's number and the provider's name, which this and every later
 * conversation of theirs belongs to — and WhatsApp's approved templates: the list, and sending one.
 */

export const addContact = (db: Db, a: CommandArgs) =>
  run(db, a.rep, 'addContact', a.conversationId, a.clientId, async (tx, conv) => {
    if (!conv.sender) throw new HubError('conflict', 'only a messaging channel sender can be added as a contact');
    if (!conv.sender.unknown) throw new HubError('conflict', 'this sender is already a contact');
    const [visitor] = await tx.query<{ phone: string | null; name: string | null }>(
      'select phone, name from visitors where id = $1',
      [conv.visitorId],
    );
    const name = visitor?.name ?? visitor?.phone ?? conv.sender.address;
    const call = { tx, now: a.now ?? Date.now(), actor: a.rep };
    const person = await crmConnector().createPerson(call, {
      name,
      phone: visitor?.phone ?? null,
      conversationId: conv.id,
    });
    await linkConversation(tx, conv.id, person.id);
    await tx.query('update channel_senders set contact_id = $2 where visitor_id = $1', [conv.visitorId, person.id]);
    await tx.query('update conversations set unknown_sender = false where visitor_id = $1', [conv.visitorId]);
    return [await updated(tx, conv)];
  });

const Templates = z.array(ChannelTemplate);

/** The approved templates of the conversation's WhatsApp connection, for anyone who may reply in it. */
export async function channelTemplates(db: Db, rep: RepProfile, conversationId: string) {
  const conv = await loadConversation(db, conversationId);
  const chats = await chatsForRep(db, rep);
  if (!conv || (chats !== 'all' && !chats.includes(conv.chatId)))
    throw new HubError('not_found', 'no such conversation');
  if (conv.channel !== 'whatsapp') return [];
  const [row] = await db.query<{ settings: { templates?: unknown } }>(
    `select settings from channel_connections where chat_id = $1 and provider = 'whatsapp'`,
    [conv.chatId],
  );
  const parsed = Templates.safeParse(row?.settings.templates ?? []);
  return parsed.success ? parsed.data : [];
}

/** The body filled in: what the transcript shows. Every placeholder needs its parameter. */
function fillBody(body: string, params: string[]): string {
  const { text, missing } = fillTemplate(body, params);
  if (missing.length > 0)
    throw new HubError(
      'bad_frame',
      `params: the template needs a value for ${missing.map((n) => `{{${n}}}`).join(', ')}`,
    );
  return text;
}

export async function sendTemplate(
  db: Db,
  rep: RepProfile,
  f: { conversationId: string; clientId: string; template: { name: string; language: string }; params: string[] },
  now: number,
) {
  const conv = await loadConversation(db, f.conversationId);
  if (conv) {
    const verdict = RULES.send({ role: rep.role, access: accessFor(conv, rep), status: conv.status });
    if (verdict) throw new HubError(verdict.code, verdict.message);
  }
  const approved = (await channelTemplates(db, rep, f.conversationId)).find(
    (t) => t.name === f.template.name && t.language === f.template.language,
  );
  if (!approved)
    throw new HubError('not_found', "no such approved template on this conversation's WhatsApp connection");
  return postRepMessage(
    db,
    rep,
    {
      conversationId: f.conversationId,
      clientId: f.clientId,
      text: fillBody(approved.body, f.params),
      template: { ...f.template, params: f.params },
    },
    now,
  );
}
