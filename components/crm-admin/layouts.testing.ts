import { STANDARD_FIELDS, type FieldLayout } from '#protocol';

/** What the hub answers before any super user saved a layout: every standard field, shown. */
export const defaultLayoutsForTest = (): FieldLayout[] =>
  (['lead', 'person', 'company'] as const).map((entity) => ({
    entity,
    fields: STANDARD_FIELDS[entity].map((key) => ({ custom: false as const, key, visible: true })),
  }));
