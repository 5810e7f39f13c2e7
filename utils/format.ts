import type { Conversation } from '#protocol';
import { t, uiLanguage } from './i18n';

/** How a visitor is called in lists and headers: their name, else their email, else a channel sender's number, else "Visitor". */
export function visitorLabel(
  conversation: Pick<Conversation, 'visitorName' | 'visitorEmail'> & Partial<Pick<Conversation, 'sender'>>,
): string {
  return (
    conversation.visitorName?.trim() ||
    conversation.visitorEmail?.trim() ||
    conversation.sender?.address ||
    t('visitor')
  );
}

/** Time of day for today, date and time for older moments. */
export function formatTime(iso: string | number, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(
    uiLanguage(),
    sameDay ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' },
  ).format(date);
}

/** The closing warning (FEATURES B4): "Demo shop closes at 18:00 — you have active conversations." */
export function closingSoonText(warning: { chatName: string; closesAt: string }): string {
  const time = new Date(warning.closesAt).toLocaleTimeString(uiLanguage(), { hour: '2-digit', minute: '2-digit' });
  return t('closingSoonText', warning.chatName, time);
}

/** Who had a conversation: the rep's name, marked former once their account was deleted (FEATURES H1). */
export function ownerLabel(conversation: { ownerName: string | null; ownerFormer?: boolean }): string | null {
  const name = conversation.ownerName;
  return name && conversation.ownerFormer ? t('ownerFormer', name) : name;
}
