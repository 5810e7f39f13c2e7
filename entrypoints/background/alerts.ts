import type { Conversation, CrmNotification } from '#protocol';
import { closingSoonText } from '#utils/format';
import { t } from '#utils/i18n';
import {
  chatAlertsItem,
  customSoundItem,
  notificationsEnabledItem,
  soundChoiceItem,
  soundsEnabledItem,
  type SoundChoice,
} from '#utils/settings';

/** Notification ids carry the conversation, so a click knows what to open. */
export const NEW_CHAT_NOTIFICATION = 'parley-pending:';
export const CLOSING_NOTIFICATION = 'parley-closing:';
/** `parley-crm:<conversationId>:<notificationId>`; the conversation part may be empty. */
export const CRM_NOTIFICATION = 'parley-crm:';

export interface AlertSinks {
  /** Plays a sound (an extension URL or a data: URL) the way this browser can (utils/platform). */
  playSound(url: string): Promise<void>;
  notify(id: string, options: { title: string; message: string }): Promise<void>;
}

/** How many words of the visitor's message the notification shows. */
const PREVIEW_WORDS = 12;

export function firstWords(text: string, words = PREVIEW_WORDS): string {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  return parts.length > words ? `${parts.slice(0, words).join(' ')}…` : parts.join(' ');
}

/** Who the notification names: the visitor's name, else their email, else "Visitor". */
export function senderOf(conversation: Pick<Conversation, 'visitorName' | 'visitorEmail'>): string {
  return conversation.visitorName?.trim() || conversation.visitorEmail?.trim() || t('visitor');
}

export async function soundUrl(choice: SoundChoice, resolve: (path: string) => string): Promise<string> {
  if (choice === 'custom') {
    const custom = await customSoundItem.getValue();
    if (custom) return custom.dataUrl;
    return resolve('/sounds/chime.wav');
  }
  return resolve(`/sounds/${choice}.wav`);
}

/**
 * New pending chats (FEATURES B2): one sound per batch, one notification per conversation, each only
 * when the rep has it switched on. Works whatever tab is in front: it all happens in the worker.
 */
export function createAlerts(sinks: AlertSinks, resolve: (path: string) => string) {
  return {
    async newPending(conversations: readonly Conversation[]): Promise<void> {
      if (conversations.length === 0) return;
      const [sounds, notifications, choice, perChat] = await Promise.all([
        soundsEnabledItem.getValue(),
        notificationsEnabledItem.getValue(),
        soundChoiceItem.getValue(),
        chatAlertsItem.getValue(),
      ]);
      // The global switch turns a kind of alert off everywhere; a chat's own setting can only silence it further (FEATURES B6).
      const wants = (conversation: Conversation, kind: 'sound' | 'notification') =>
        perChat[conversation.chatId]?.[kind] ?? true;
      const work: Promise<unknown>[] = [];
      if (sounds && conversations.some((c) => wants(c, 'sound')))
        work.push(soundUrl(choice, resolve).then((url) => sinks.playSound(url)));
      if (notifications) {
        for (const conversation of conversations) {
          if (!wants(conversation, 'notification')) continue;
          const preview = firstWords(conversation.lastMessagePreview);
          work.push(
            sinks.notify(`${NEW_CHAT_NOTIFICATION}${conversation.id}`, {
              title: t('newChatFrom', senderOf(conversation)),
              message: preview || conversation.chatName,
            }),
          );
        }
      }
      const results = await Promise.allSettled(work);
      for (const result of results)
        if (result.status === 'rejected') console.warn('[parley] alert failed', result.reason);
    },

    /** Fifteen minutes before a chat closes by its schedule (FEATURES B4). */
    async closingSoon(warning: { chatId: string; chatName: string; closesAt: string }): Promise<void> {
      if (!(await notificationsEnabledItem.getValue())) return;
      await sinks.notify(`${CLOSING_NOTIFICATION}${warning.chatId}`, {
        title: t('closingSoonTitle'),
        message: closingSoonText(warning),
      });
    },

    /** Notify sales, or a lead given to this rep (FEATURES E5, E6): one browser notification each, when switched on. */
    async crmNotices(notices: readonly CrmNotification[]): Promise<void> {
      if (notices.length === 0 || !(await notificationsEnabledItem.getValue())) return;
      const results = await Promise.allSettled(
        notices.map((n) =>
          sinks.notify(`${CRM_NOTIFICATION}${n.conversationId ?? ''}:${n.id}`, {
            title:
              n.reason === 'sales'
                ? t('crmSalesTitle', n.from.name, n.contact.name)
                : t('crmLeadTitle', n.from.name, n.contact.name),
            message: firstWords(n.text, 30) || n.contact.name,
          }),
        ),
      );
      for (const result of results)
        if (result.status === 'rejected') console.warn('[parley] alert failed', result.reason);
    },
  };
}

export { closingSoonText };

export type Alerts = ReturnType<typeof createAlerts>;
