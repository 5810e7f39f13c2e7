import { t, type MessageKey } from './i18n';

/** The translated names of the card's standard fields (FEATURES E4), shared by the card and the layout editor. */
const STANDARD_LABEL: Record<string, MessageKey> = {
  name: 'fieldName',
  email: 'fieldEmail',
  phone: 'fieldPhone',
  address: 'fieldAddress',
  company: 'fieldCompany',
  owner: 'fieldOwner',
  source: 'fieldSource',
  createdAt: 'fieldCreatedAt',
  website: 'fieldWebsite',
  industry: 'fieldIndustry',
};

/** A field's label: a custom field's own, else the standard field's translated name, else its key. */
export const fieldLabel = (f: { key: string; label?: string | null }): string =>
  f.label ?? (STANDARD_LABEL[f.key] ? t(STANDARD_LABEL[f.key]!) : f.key);
