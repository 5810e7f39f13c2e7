import type { ChannelProvider, ChannelTemplate } from '#protocol';
import { t, type MessageKey } from './i18n';

/**
 * The console's channel connection forms (FEATURES G2–G4): each provider's fields in order, which are
 * secrets (never shown, left empty to keep), and WhatsApp's approved templates as lines of
 * `name | language | body`.
 */
export interface ChannelField {
  key: string;
  label: MessageKey;
  secret: boolean;
}

const field = (key: string, label: MessageKey, secret = false): ChannelField => ({ key, label, secret });

export const CHANNEL_FIELDS: Record<ChannelProvider, ChannelField[]> = {
  whatsapp: [
    field('phoneNumberId', 'fieldPhoneNumberId'),
    field('accessToken', 'fieldAccessToken', true),
    field('appSecret', 'fieldAppSecret', true),
    field('verifyToken', 'fieldVerifyToken', true),
  ],
  messenger: [
    field('pageId', 'fieldPageId'),
    field('pageToken', 'fieldPageToken', true),
    field('appSecret', 'fieldAppSecret', true),
    field('verifyToken', 'fieldVerifyToken', true),
  ],
  sms: [
    field('accountSid', 'fieldAccountSid'),
    field('authToken', 'fieldAuthToken', true),
    field('fromNumber', 'fieldFromNumber'),
  ],
};

export const templatesToText = (templates: readonly ChannelTemplate[]): string =>
  templates.map((tpl) => `${tpl.name} | ${tpl.language} | ${tpl.body}`).join('\n');

/** Lines of `name | language | body` (the body may hold more bars); a line that is not, names itself. */
export function textToTemplates(
  text: string,
): { ok: true; templates: ChannelTemplate[] } | { ok: false; error: string } {
  const templates: ChannelTemplate[] = [];
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    const [name, language, ...body] = line.split('|').map((part) => part.trim());
    if (!name || !language || !body.join('|').trim()) return { ok: false, error: t('badTemplateLine', String(i + 1)) };
    templates.push({ name, language, body: body.join(' | ') });
  }
  return { ok: true, templates };
}
