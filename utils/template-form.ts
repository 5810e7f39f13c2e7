import { TemplateInput, type Template, type TemplateLanguage } from '#protocol';
import { t } from './i18n';
import type { FieldErrors, Validated } from './settings-form';

/** The options page's template form (FEATURES H3): a draft, checked with the protocol's own schema. */

export interface TemplateDraft {
  chatId: string;
  category: string;
  language: TemplateLanguage;
  title: string;
  text: string;
}

export const emptyTemplateDraft = (chatId: string, language: TemplateLanguage): TemplateDraft => ({
  chatId,
  category: '',
  language,
  title: '',
  text: '',
});

export const templateDraftFrom = (tpl: Template): TemplateDraft => ({
  chatId: tpl.chatId,
  category: tpl.category,
  language: tpl.language,
  title: tpl.title,
  text: tpl.text,
});

/** The wire body, or a sentence per field in the super user's language. */
export function toTemplateInput(draft: TemplateDraft): Validated<TemplateInput> {
  const parsed = TemplateInput.safeParse(draft);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.');
    if (issue.code === 'too_small') errors[key] ??= t('errFieldRequired');
    else if (issue.code === 'too_big' && 'maximum' in issue) errors[key] ??= t('errTooLong', String(issue.maximum));
    else errors[key] ??= t('errInvalid', issue.message);
  }
  return { ok: false, errors };
}
