import { TEMPLATE_LIMITS, type RepProfile, type Template, type TemplateInput } from '#protocol';
import { appendEvent, writeTx } from '../events/log';
import { HubError } from '../inbox/errors';
import { newId } from '../storage/ids';
import type { Db, Sql } from '../storage/db';

/**
 * Quick-reply templates (FEATURES D5, H3). Only super users write them (the routes check the role);
 * every change appends an event for the template's chat, so the reps of that chat — and only they —
 * get it through their event stream, live or on resume, and their side panels update.
 */

type TemplateRow = {
  id: string;
  chat_id: string;
  category: string;
  language: Template['language'];
  title: string;
  text: string;
  updated_at: Date;
};

const toTemplate = (r: TemplateRow): Template => ({
  id: r.id,
  chatId: r.chat_id,
  category: r.category,
  language: r.language,
  title: r.title,
  text: r.text,
  updatedAt: r.updated_at.toISOString(),
});

/** Every template, or those of the given chats. */
export async function listTemplates(db: Sql, chatIds: string[] | 'all' = 'all'): Promise<Template[]> {
  const rows = await db.query<TemplateRow>(
    'select * from templates where $1::text[] is null or chat_id = any($1) order by chat_id, language, category, title, id',
    [chatIds === 'all' ? null : chatIds],
  );
  return rows.map(toTemplate);
}

/** The chat must exist and have room for one more template (a move into it counts as one more). */
async function checkChat(tx: Sql, chatId: string, movingIn: boolean): Promise<void> {
  const [chat] = await tx.query('select id from chats where id = $1 for no key update', [chatId]);
  if (!chat) throw new HubError('bad_frame', `chatId: no chat ${chatId}`);
  if (!movingIn) return;
  const [{ n }] = await tx.query<{ n: number }>('select count(*)::int as n from templates where chat_id = $1', [
    chatId,
  ]);
  if (n >= TEMPLATE_LIMITS.perChat) {
    throw new HubError(
      'too_large',
      `the chat already has ${TEMPLATE_LIMITS.perChat} templates, the most it may have`,
      TEMPLATE_LIMITS.perChat,
    );
  }
}

export async function createTemplate(db: Db, author: RepProfile, input: TemplateInput): Promise<Template> {
  return writeTx(db, async (tx) => {
    await checkChat(tx, input.chatId, true);
    const [row] = await tx.query<TemplateRow>(
      `insert into templates (id, chat_id, category, language, title, text, updated_by) values ($1, $2, $3, $4, $5, $6, $7) returning *`,
      [newId('tp'), input.chatId, input.category, input.language, input.title, input.text, author.id],
    );
    const template = toTemplate(row);
    await appendEvent(tx, { kind: 'template.saved', chatId: template.chatId, template });
    return template;
  });
}

export async function updateTemplate(db: Db, author: RepProfile, id: string, input: TemplateInput): Promise<Template> {
  return writeTx(db, async (tx) => {
    const [before] = await tx.query<TemplateRow>('select * from templates where id = $1 for update', [id]);
    if (!before) throw new HubError('not_found', 'no such template');
    const moved = before.chat_id !== input.chatId;
    await checkChat(tx, input.chatId, moved);
    const [row] = await tx.query<TemplateRow>(
      `update templates set chat_id = $2, category = $3, language = $4, title = $5, text = $6, updated_by = $7, updated_at = now() where id = $1 returning *`,
      [id, input.chatId, input.category, input.language, input.title, input.text, author.id],
    );
    const template = toTemplate(row);
    // Moved to another chat: the reps of the old one must drop it.
    if (moved) await appendEvent(tx, { kind: 'template.deleted', chatId: before.chat_id, templateId: id });
    await appendEvent(tx, { kind: 'template.saved', chatId: template.chatId, template });
    return template;
  });
}

export async function deleteTemplate(db: Db, id: string): Promise<void> {
  await writeTx(db, async (tx) => {
    const [row] = await tx.query<{ chat_id: string }>('delete from templates where id = $1 returning chat_id', [id]);
    if (!row) throw new HubError('not_found', 'no such template');
    await appendEvent(tx, { kind: 'template.deleted', chatId: row.chat_id, templateId: id });
  });
}
