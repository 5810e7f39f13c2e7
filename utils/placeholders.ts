import { PLACEHOLDER_PATTERN, placeholdersIn, type Conversation, type RepProfile } from '#protocol';
import { t, type MessageKey } from './i18n';

/**
 * Filling a template's placeholders (FEATURES D5). `{visitor.name}`, `{rep.name}` and the like come from
 * what the side panel knows; any other placeholder, or a known one with no value yet (a visitor who
 * never gave a name), is asked of the rep before the text goes into the composer.
 */

/** Placeholders the extension can fill itself, with the label the prompt shows when it cannot. */
export const KNOWN_PLACEHOLDERS: Record<string, MessageKey> = {
  'visitor.name': 'placeholderVisitorName',
  'visitor.email': 'placeholderVisitorEmail',
  'rep.name': 'placeholderRepName',
  'chat.name': 'placeholderChatName',
};

export type PlaceholderValues = Record<string, string>;

/** The values known for this conversation and rep; blank ones are left out, so they are asked for. */
export function knownValues(
  conversation: Pick<Conversation, 'visitorName' | 'visitorEmail' | 'chatName'> | null,
  rep: Pick<RepProfile, 'name'> | null,
): PlaceholderValues {
  const candidates: Record<string, string | null | undefined> = {
    'visitor.name': conversation?.visitorName,
    'visitor.email': conversation?.visitorEmail,
    'rep.name': rep?.name,
    'chat.name': conversation?.chatName,
  };
  return Object.fromEntries(Object.entries(candidates).flatMap(([k, v]) => (v && v.trim() ? [[k, v.trim()]] : [])));
}

/** The text with every placeholder that has a value replaced, and the names still missing one. */
export function fillPlaceholders(text: string, values: PlaceholderValues): { text: string; missing: string[] } {
  const missing = placeholdersIn(text).filter((name) => !values[name]?.trim());
  // A function replacement: a value containing "$&" or "{x}" is inserted as typed, never re-expanded.
  const filled = text.replace(PLACEHOLDER_PATTERN, (whole, name: string) =>
    values[name]?.trim() ? values[name].trim() : whole,
  );
  return { text: filled, missing };
}

/** What the prompt calls a placeholder: a translated name for the known ones, the name itself otherwise. */
export function placeholderLabel(name: string): string {
  const key = KNOWN_PLACEHOLDERS[name];
  return key ? t(key) : name;
}
