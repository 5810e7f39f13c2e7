import * as z from 'zod';
import { LIMITS } from './limits';
import { Channel, ClientId, Id, Timestamp } from './model';

/**
 * Messaging channels (FEATURES G2, G3, G4, C9): WhatsApp Cloud API, Messenger and Twilio SMS/MMS in
 * the same inbox. What a channel conversation and message carry on the wire, the rep's commands on
 * them, a chat's connections as super users set them (REST), and the limits. Frames using these
 * shapes live in frames.ts; the hub's side in hub/src/channels/.
 */

export const CHANNEL_LIMITS = {
  /** Bytes in one webhook POST from a provider (Meta batches several messages in one). */
  webhookBodyBytes: 256 * 1024,
  /** Webhook requests from one address (providers call from few addresses, in bursts). */
  webhookRate: { points: 1200, seconds: 60 },
  /** WhatsApp's customer service window: free text only this long after the customer's last message. */
  whatsappWindowHours: 24,
  /** Attempts at one send inside one worker pass before it goes back to the outbox for later. */
  sendAttemptsPerPass: 4,
  /** First back-off between send attempts (ms); doubles each attempt up to sendMaxDelayMs. */
  sendFirstDelayMs: 500,
  sendMaxDelayMs: 10_000,
  /** A provider call that takes longer than this is a timeout, retried like a 5xx. */
  providerTimeoutMs: 10_000,
  /** Attempts (passes) at processing one stored webhook item before it is left marked failed. */
  inboundAttempts: 10,
  /** Approved WhatsApp templates listed on one connection. */
  templatesPerConnection: 50,
  /** Characters in a template's name, language code and each parameter. */
  templateNameChars: 512,
  templateParams: 10,
  /** Characters of a Meta verification challenge echoed back. */
  challengeChars: 128,
  /** Characters in a connection's plain settings (ids, numbers) and in each secret. */
  settingChars: 256,
  secretChars: 1024,
} as const;

/** The providers a chat can connect: every channel but the web widget. */
export const ChannelProvider = z.enum(['whatsapp', 'messenger', 'sms']);
export type ChannelProvider = z.infer<typeof ChannelProvider>;
export type ChannelName = z.infer<typeof Channel>;

const TemplateName = z.string().trim().min(1).max(CHANNEL_LIMITS.templateNameChars);
/** A language code as Meta spells it: `en`, `en_US`, `pt_BR`. */
const TemplateLanguage = z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a language code like en or en_US');

/** A WhatsApp message template approved by Meta, as the super user lists it on the connection. */
export const ChannelTemplate = z.object({
  name: TemplateName,
  language: TemplateLanguage,
  /** The body as approved, with {{1}}, {{2}} … for the parameters; what the rep sees and the message shows. */
  body: z.string().trim().min(1).max(LIMITS.messageChars),
});
export type ChannelTemplate = z.infer<typeof ChannelTemplate>;

export const TemplateParams = z
  .array(z.string().trim().min(1).max(CHANNEL_LIMITS.templateNameChars))
  .max(CHANNEL_LIMITS.templateParams);

const ReqId = z.string().min(1).max(64);

/** The rep's channel commands (FEATURES C9, G2): part of RepClientFrame. Each is answered with `ack` or `error`. */
export const ChannelCommands = [
  /** Add contact: a customer-store person from the sender's number and the name the provider gave; the conversation is linked to it. */
  z.object({ type: z.literal('addContact'), reqId: ReqId, clientId: ClientId, conversationId: Id }),
  /** Ignore: archived without routing or alerts; later messages from the sender are kept there, silently. */
  z.object({ type: z.literal('ignoreSender'), reqId: ReqId, clientId: ClientId, conversationId: Id }),
  /** An approved WhatsApp template (allowed outside the 24-hour window); `ack.messageId` is the message. */
  z.object({
    type: z.literal('sendTemplate'),
    reqId: ReqId,
    clientId: ClientId,
    conversationId: Id,
    template: z.object({ name: TemplateName, language: TemplateLanguage }),
    params: TemplateParams,
  }),
  /** The approved templates of the conversation's connection; answered with `channelTemplates`. */
  z.object({ type: z.literal('channelTemplates'), reqId: ReqId, conversationId: Id }),
] as const;

export const ChannelTemplatesFrame = z.object({
  type: z.literal('channelTemplates'),
  reqId: ReqId,
  conversationId: Id,
  templates: z.array(ChannelTemplate),
});

// ---- a chat's connections (REST, super users): /api/admin/chats/:id/channels[/:provider] ----

const Setting = z.string().trim().min(1).max(CHANNEL_LIMITS.settingChars);
/** A secret: required when the connection is made; left out on a later PUT, the stored one stays. */
const Secret = z.string().min(1).max(CHANNEL_LIMITS.secretChars).optional();
const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'a phone number in E.164 form, like +14155550100');

export const WhatsAppConnectionInput = z.object({
  phoneNumberId: Setting,
  accessToken: Secret,
  appSecret: Secret,
  verifyToken: Secret,
  templates: z.array(ChannelTemplate).max(CHANNEL_LIMITS.templatesPerConnection).default([]),
});
export const MessengerConnectionInput = z.object({
  pageId: Setting,
  pageToken: Secret,
  appSecret: Secret,
  verifyToken: Secret,
});
export const SmsConnectionInput = z.object({ accountSid: Setting, authToken: Secret, fromNumber: E164 });

export const CONNECTION_INPUT = {
  whatsapp: WhatsAppConnectionInput,
  messenger: MessengerConnectionInput,
  sms: SmsConnectionInput,
} as const;

/** The secrets of each provider: stored encrypted, never sent back (a view says only `{ set: true }`). */
export const CONNECTION_SECRETS = {
  whatsapp: ['accessToken', 'appSecret', 'verifyToken'],
  messenger: ['pageToken', 'appSecret', 'verifyToken'],
  sms: ['authToken'],
} as const satisfies Record<ChannelProvider, readonly string[]>;

export const SecretSet = z.object({ set: z.literal(true) });

/** A connection as the console reads it: its plain settings, which secrets are set, the webhook URL to give the provider. */
export const ChannelConnectionView = z.object({
  chatId: Id,
  provider: ChannelProvider,
  settings: z.record(z.string(), z.unknown()),
  secrets: z.record(z.string(), SecretSet),
  webhookUrl: z.string(),
  updatedAt: Timestamp,
});
export type ChannelConnectionView = z.infer<typeof ChannelConnectionView>;

export const ChannelConnectionList = z.object({ connections: z.array(ChannelConnectionView) });
export type ChannelConnectionList = z.infer<typeof ChannelConnectionList>;
export const ProviderParams = z.object({ id: Id, provider: ChannelProvider });
