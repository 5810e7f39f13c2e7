import { CRM_LIMITS, LayoutField, STANDARD_FIELDS, type FieldLayout } from '#protocol';
import { t } from './i18n';

/**
 * The field layout editor's steps (FEATURES E4) as pure functions over the list of fields. Every
 * standard field of the entity is in the list (a saved layout may leave some out: they come back
 * hidden), so the super user can show any of them; custom fields can be added and removed.
 */
export type Fields = FieldLayout['fields'];
export type CustomField = Extract<LayoutField, { custom: true }>;

/** The saved layout with the standard fields it leaves out appended, hidden. */
export function editableFields(layout: FieldLayout): Fields {
  const fields: Fields = layout.fields.map((f) => ({ ...f }));
  for (const key of STANDARD_FIELDS[layout.entity])
    if (!fields.some((f) => f.key === key)) fields.push({ custom: false, key, visible: false });
  return fields;
}

/** One place up (-1) or down (1); the same list when the field is already at that end. */
export function moveField(fields: Fields, index: number, direction: -1 | 1): Fields {
  const to = index + direction;
  if (index < 0 || index >= fields.length || to < 0 || to >= fields.length) return fields;
  const next = [...fields];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export const setVisible = (fields: Fields, key: string, visible: boolean): Fields =>
  fields.map((f) => (f.key === key ? { ...f, visible } : f));

export const removeCustom = (fields: Fields, key: string): Fields => fields.filter((f) => !(f.custom && f.key === key));

export interface CustomFieldDraft {
  key: string;
  label: string;
  type: CustomField['type'];
}

export type CustomFieldCheck =
  { ok: true; field: CustomField } | { ok: false; errors: Partial<Record<'key' | 'label' | 'list', string>> };

/** A new custom field checked with the protocol's schema and against the fields already listed. */
export function checkCustomField(fields: Fields, draft: CustomFieldDraft): CustomFieldCheck {
  const errors: Partial<Record<'key' | 'label' | 'list', string>> = {};
  const parsed = LayoutField.safeParse({
    custom: true,
    key: draft.key.trim(),
    label: draft.label,
    type: draft.type,
    visible: true,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'key') errors.key = t('errCustomFieldKey');
      if (issue.path[0] === 'label') errors.label = t('errCustomFieldLabel', String(CRM_LIMITS.fieldLabelChars));
    }
  }
  const key = draft.key.trim();
  if (!errors.key && fields.some((f) => f.key === key)) errors.key = t('errCustomFieldKeyTaken');
  if (fields.length >= CRM_LIMITS.layoutFields) errors.list = t('errLayoutTooMany', String(CRM_LIMITS.layoutFields));
  if (Object.keys(errors).length || !parsed.success || !parsed.data.custom) return { ok: false, errors };
  return { ok: true, field: parsed.data };
}
