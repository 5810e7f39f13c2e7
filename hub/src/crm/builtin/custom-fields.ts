import { customValueProblem, type CardField } from '#protocol';
import { HubError } from '../../inbox/errors';
import type { CrmCall } from '../connector';
import { contactStandardValues, fieldsFor, layouts } from './layouts';
import { loadContact } from './rows';

/**
 * A custom field's value on a record (FEATURES E4). Only a custom field of the layout for the record's
 * kind can be set, and only with a value of its type; the values live in the record's `custom`
 * column, so a field removed from the layout later keeps its value (it just stops showing).
 */
export async function setCustomField(
  call: CrmCall,
  contactId: string,
  key: string,
  value: string | null,
): Promise<CardField[]> {
  const contact = await loadContact(call.tx, contactId);
  if (!contact) throw new HubError('not_found', 'no such record');
  const layout = (await layouts(call)).find((l) => l.entity === contact.kind)!;
  const field = layout.fields.find((f) => f.custom && f.key === key);
  if (!field || !field.custom)
    throw new HubError('not_found', `${key} is not a custom field of ${contact.kind} records`);
  const problem = value === null ? null : customValueProblem(field.type, value);
  if (problem) throw new HubError('bad_frame', `value: ${field.label} takes ${problem}`);
  const [row] = await call.tx.query<{ custom: Record<string, unknown> }>(
    `update crm_contacts set custom = case when $3::text is null then custom - $2::text else custom || jsonb_build_object($2::text, $3::text) end
      where id = $1 returning custom`,
    [contactId, key, value],
  );
  const { custom: _old, source, ...summary } = contact;
  return fieldsFor(layout, contactStandardValues({ ...summary, source }), row!.custom ?? {});
}
