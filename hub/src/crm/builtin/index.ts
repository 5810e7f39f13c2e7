import type { CrmConnector } from '../connector';
import { addActivity, readFeed } from './activity';
import { card } from './card';
import { contactInfo, createLead, createPerson, match, setPhone } from './contacts';
import { setCustomField } from './custom-fields';
import { layouts, saveLayout } from './layouts';
import { eraseContact, exportContact } from './personal-data';
import { recommend } from './recommend';
import { addNote, addTag, addTask, removeTag, setTaskDone, taskContact } from './records';

/** The built-in customer store (FEATURES E13's default connector): its tables live in the hub's database. */
export const builtinConnector: CrmConnector = {
  name: 'built-in',
  match,
  contactInfo,
  card,
  addTag,
  removeTag,
  addNote,
  addTask,
  taskContact,
  setTaskDone,
  setPhone,
  setCustomField,
  createLead,
  createPerson,
  feed: ({ tx }, contactId, types, before, limit) => readFeed(tx, contactId, types, before, limit),
  // One feed item per conversation: a chat that ends again (reopened, or ended then marked handled) replaces its summary.
  async addChatSummary({ tx }, contactId, chat) {
    await tx.query(
      `delete from crm_activity where contact_id = $1 and type = 'chat' and chat->>'conversationId' = $2`,
      [contactId, chat.conversationId],
    );
    await addActivity(tx, {
      contactId,
      type: 'chat',
      title: chat.firstMessage,
      actorId: chat.rep?.id ?? null,
      chat,
      at: new Date(chat.endedAt),
    });
  },
  addLinkActivity: ({ tx, actor }, contactId, link) =>
    addActivity(tx, {
      contactId,
      type: 'link',
      title: `Conversation linked after a check (the visitor had typed ${link.typedEmail})`,
      actorId: actor?.id ?? null,
    }),
  // Deleting deletes (issue 14): no summary (its first message is the visitor's words) and no link stay.
  async forgetConversation({ tx }, conversationId) {
    await tx.query(`delete from crm_activity where type = 'chat' and chat->>'conversationId' = $1`, [conversationId]);
    await tx.query('update crm_contacts set source_conversation_id = null where source_conversation_id = $1', [
      conversationId,
    ]);
  },
  exportContact,
  eraseContact,
  recommend,
  layouts,
  saveLayout,
};
