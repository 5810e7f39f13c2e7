import { CRM_LIMITS, type BotConfig, type BotLang, type LeadAssignment, type PersonRef } from '#protocol';
import type { StoredEvent } from '../events/log';
import type { CrmCall } from '../crm/connector';
import { claimPoolTurn } from '../crm/pools';
import { linkConversation } from '../crm/identity';
import { crmConnector } from '../crm/registry';
import { notify } from '../crm/writes';
import type { Sql } from '../storage/db';
import type { BotAnswer } from './machine';

/**
 * The bot's "create the lead" (FEATURES F3) through the customer store's connector (E13), in the
 * transaction of the bot step, like a rep's create-lead (E5): marked as from chat, given to the
 * owner or the distribution pool the bot's settings name, with the qualification answers as its
 * note, and the owner notified. The hub acts with no person behind it (`actor: null`).
 *
 * A lead needs an email (E1: records are matched by email; one record per email): without one the
 * bot creates nothing. A record that already has this email is neither duplicated nor linked: the
 * email was only typed (issue 14), so the rep sees that record as a suggestion and links it after a
 * check. A lead the bot makes belongs to the conversation it was made from (`conversations.contact_id`).
 * An owner or pool that no longer fits (removed, observer, empty pool) leaves the lead unassigned
 * rather than failing the visitor's message.
 */
export interface BotLead {
  conversationId: string;
  chatId: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  answers: BotAnswer[];
  /** The owner or pool from the bot's settings; null: unassigned. */
  assign: LeadAssignment | null;
}

export interface BotLeadResult {
  /** The lead the bot made; null when no email was given or a record with it existed. */
  contactId: string | null;
  /** Whether the bot made it. */
  created: boolean;
  owner: PersonRef | null;
  pool: PersonRef | null;
  events: StoredEvent[];
}

export async function createBotLead(
  tx: Sql,
  lead: BotLead,
  config: BotConfig,
  lang: BotLang,
  now: number,
): Promise<BotLeadResult> {
  const none: BotLeadResult = { contactId: null, created: false, owner: null, pool: null, events: [] };
  if (!lead.email) return none;
  const call: CrmCall = { tx, now, actor: null };
  // A record with this email exists: the email was only typed to the bot, so it is not linked
  // either (issue 14); the rep sees the record as a suggestion on the card and links it after a check.
  if (await crmConnector().match(call, { email: lead.email, phone: null })) return none;
  const { owner, pool } = await assignee(tx, lead.assign);
  const contact = await crmConnector().createLead(call, {
    email: lead.email,
    name: lead.name ?? lead.email,
    phone: lead.phone,
    ownerId: owner?.id ?? null,
    conversationId: lead.conversationId,
    note: answersNote(config, lang, lead.answers),
  });
  // Null: a record with this email appeared meanwhile (another conversation's bot or a rep): as above.
  if (!contact) return none;
  // Made from this conversation: it belongs to it.
  await linkConversation(tx, lead.conversationId, contact.id);
  const events = owner
    ? [
        await notify(
          tx,
          lead.chatId,
          owner.id,
          {
            reason: 'lead_assigned',
            contact: { id: contact.id, name: contact.name },
            from: { id: 'bot', name: config.wording.botName[lang] },
            text: '',
            conversationId: lead.conversationId,
          },
          now,
        ),
      ]
    : [];
  return { contactId: contact.id, created: true, owner, pool, events };
}

async function assignee(
  tx: Sql,
  assign: LeadAssignment | null,
): Promise<{ owner: PersonRef | null; pool: PersonRef | null }> {
  if (assign?.kind === 'owner') {
    const [rep] = await tx.query<PersonRef>(`select id, name from reps where id = $1 and role <> 'observer'`, [
      assign.ownerId,
    ]);
    return { owner: rep ?? null, pool: null };
  }
  if (assign?.kind === 'pool') {
    // Checked first: claimPoolTurn refuses an empty or missing pool, which would undo the visitor's message.
    const [members] = await tx.query<{ n: string }>('select count(*) as n from crm_pool_members where pool_id = $1', [
      assign.poolId,
    ]);
    if (Number(members.n) > 0) return claimPoolTurn(tx, assign.poolId);
  }
  return { owner: null, pool: null };
}

/** "Question: answer" per line, in the visitor's language, within the store's note limit. */
function answersNote(config: BotConfig, lang: BotLang, answers: BotAnswer[]): string | null {
  if (answers.length === 0) return null;
  const text = answers
    .map((a) => `${config.questions.find((q) => q.id === a.questionId)?.text[lang] ?? a.questionId} ${a.answer}`)
    .join('\n');
  return text.length > CRM_LIMITS.noteChars ? `${text.slice(0, CRM_LIMITS.noteChars - 1)}…` : text;
}
