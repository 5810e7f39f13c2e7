import * as z from 'zod';
import { LeadAssignment } from './crm';
import { LIMITS } from './limits';

/**
 * The routing bot's settings per chat (FEATURES F1–F4), as super users edit them in the options page
 * (GET/PUT /api/admin/chats/:id/bot). Every visitor-facing text exists in all five languages.
 */

export const BOT_LANGS = ['en', 'it', 'de', 'pl', 'cs'] as const;
export const BotLang = z.enum(BOT_LANGS);
export type BotLang = z.infer<typeof BotLang>;

const BotText = z.string().trim().min(1, 'text is empty').max(LIMITS.botTextChars);
/** One text in each language. */
export const Localized = z.object({ en: BotText, it: BotText, de: BotText, pl: BotText, cs: BotText });
export type Localized = z.infer<typeof Localized>;

/** What the bot says and what its buttons read, per language. `{value}` in `pointToChannel` is the channel's address. */
export const BotWordingKeys = [
  'botName', // shown as the author of the bot's messages
  'askCustomer', // F1: "Are you already a customer?"
  'yes',
  'no',
  'person', // the always-present "talk to a person" button
  'askContact', // F2: yes → contact details (an email)
  'contactInvalid',
  'handingOver', // routed to a queue or rep
  'pointToChannel', // routed to another channel: email, web address, phone
  'qualifyDone', // F3: after the last qualification question
  'personRequested',
] as const;
export type BotWordingKey = (typeof BotWordingKeys)[number];
export const BotWording = z.object(
  Object.fromEntries(BotWordingKeys.map((k) => [k, Localized])) as Record<BotWordingKey, typeof Localized>,
);
export type BotWording = z.infer<typeof BotWording>;

export const BotQuestion = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'lower-case letters, digits, _ and -, at most 32'),
  text: Localized,
});
export type BotQuestion = z.infer<typeof BotQuestion>;

const RefId = z.string().min(1).max(64);
/** Where an existing customer goes once they gave their contact details (F2). */
export const CustomerRoute = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), queueId: RefId }),
  z.object({ kind: z.literal('rep'), repId: RefId }),
  z.object({
    kind: z.literal('channel'),
    channel: z.enum(['email', 'web', 'phone']),
    value: z.string().trim().min(1).max(LIMITS.urlChars),
  }),
]);
export type CustomerRoute = z.infer<typeof CustomerRoute>;

export const TagName = z.string().trim().min(1).max(LIMITS.tagChars);

/** What happens after the qualification questions (F3). */
export const BotFollowUp = z.object({
  /** Assign to this (sales) queue; null: the chat's default queue. */
  salesQueueId: RefId.nullable(),
  tags: z.array(TagName).max(LIMITS.botTags),
  createLead: z.boolean(),
  /**
   * Who gets the lead in the customer store (FEATURES E5): a rep, or the next member of a distribution
   * pool (round robin); null: unassigned. Left out (settings saved before it existed): null.
   */
  leadAssign: LeadAssignment.nullable().default(null),
});
export type BotFollowUp = z.infer<typeof BotFollowUp>;

export const BotConfig = z
  .object({
    enabled: z.boolean(),
    wording: BotWording,
    questions: z.array(BotQuestion).max(LIMITS.botQuestions),
    customerRoute: CustomerRoute,
    followUp: BotFollowUp,
  })
  .refine((c) => new Set(c.questions.map((q) => q.id)).size === c.questions.length, {
    message: 'question ids must be unique',
    path: ['questions'],
  });
export type BotConfig = z.infer<typeof BotConfig>;

export const BotConfigResponse = z.object({ chatId: z.string(), config: BotConfig });
export type BotConfigResponse = z.infer<typeof BotConfigResponse>;
