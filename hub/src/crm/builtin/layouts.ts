import { STANDARD_FIELDS, type CardField, type ContactSummary, type FieldLayout, type LayoutEntity } from '#protocol';
import type { CrmCall } from '../connector';

/** Which fields show for leads, persons and companies (FEATURES E4); until a super user saves one, every standard field. */

const ENTITIES: LayoutEntity[] = ['lead', 'person', 'company'];

export const defaultLayout = (entity: LayoutEntity): FieldLayout => ({
  entity,
  fields: STANDARD_FIELDS[entity].map((key) => ({ custom: false as const, key, visible: true })),
});

export async function layouts({ tx }: CrmCall): Promise<FieldLayout[]> {
  const rows = await tx.query<{ entity: LayoutEntity; fields: FieldLayout['fields'] }>(
    'select entity, fields from crm_layouts',
  );
  return ENTITIES.map((entity) => {
    const saved = rows.find((r) => r.entity === entity);
    return saved ? { entity, fields: saved.fields } : defaultLayout(entity);
  });
}

export async function saveLayout({ tx, actor }: CrmCall, layout: FieldLayout): Promise<void> {
  await tx.query(
    `insert into crm_layouts (entity, fields, updated_by) values ($1, $2, $3)
     on conflict (entity) do update set fields = $2, updated_by = $3, updated_at = now()`,
    [layout.entity, JSON.stringify(layout.fields), actor?.id ?? null],
  );
}

/** A custom value as the card shows it: text as is, anything else as JSON text. */
const show = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

/** The visible fields of the layout with this record's values, in the layout's order. */
export function fieldsFor(
  layout: FieldLayout,
  standard: Record<string, string | null>,
  custom: Record<string, unknown>,
): CardField[] {
  return layout.fields
    .filter((f) => f.visible)
    .map((f) =>
      f.custom
        ? { key: f.key, label: f.label, custom: true, value: show(custom[f.key]) }
        : { key: f.key, label: null, custom: false, value: standard[f.key] ?? null },
    );
}

export const contactStandardValues = (
  c: ContactSummary & { source: string | null },
): Record<string, string | null> => ({
  name: c.name,
  email: c.email,
  phone: c.phone,
  address: c.address,
  company: c.company?.name ?? null,
  owner: c.owner?.name ?? null,
  source: c.source,
  createdAt: c.createdAt,
});
