import { describe, expect, it } from 'vitest';
import { CRM_LIMITS, FieldLayout } from '#protocol';
import { checkCustomField, editableFields, moveField, removeCustom, setVisible } from './field-layout-edit';

/** The field layout editor's steps (FEATURES E4): what the super user can do to a list before saving it. */
describe('field layout editing', () => {
  const saved: FieldLayout = {
    entity: 'person',
    fields: [
      { custom: false, key: 'email', visible: true },
      { custom: true, key: 'tier', label: 'Tier', type: 'text', visible: true },
    ],
  };

  it('lists every standard field: those a saved layout left out come back hidden, after the saved ones', () => {
    const fields = editableFields(saved);
    expect(fields.map((f) => [f.key, f.visible])).toEqual([
      ['email', true],
      ['tier', true],
      ['name', false],
      ['phone', false],
      ['address', false],
      ['company', false],
      ['owner', false],
      ['createdAt', false],
    ]);
    // What the editor would save is a layout the hub accepts.
    expect(FieldLayout.safeParse({ entity: 'person', fields }).success).toBe(true);
  });

  it('moves a field one place, not past either end, and shows, hides and removes', () => {
    const fields = editableFields(saved);
    expect(
      moveField(fields, 1, -1)
        .map((f) => f.key)
        .slice(0, 2),
    ).toEqual(['tier', 'email']);
    expect(moveField(fields, 0, -1)).toBe(fields);
    expect(moveField(fields, fields.length - 1, 1)).toBe(fields);
    expect(setVisible(fields, 'email', false)[0]).toMatchObject({ key: 'email', visible: false });
    expect(removeCustom(fields, 'tier').map((f) => f.key)).not.toContain('tier');
    // Standard fields are hidden, never removed.
    expect(removeCustom(fields, 'email')).toHaveLength(fields.length);
  });

  it('checks a new custom field with the protocol rules and against the list', () => {
    const fields = editableFields(saved);
    expect(checkCustomField(fields, { key: ' loyalty_tier ', label: ' Loyalty tier ', type: 'number' })).toEqual({
      ok: true,
      field: { custom: true, key: 'loyalty_tier', label: 'Loyalty tier', type: 'number', visible: true },
    });
    expect(checkCustomField(fields, { key: 'Bad Key', label: 'x', type: 'text' })).toMatchObject({
      ok: false,
      errors: { key: expect.stringMatching(/lower-case/) },
    });
    expect(checkCustomField(fields, { key: 'tier', label: 'x', type: 'text' })).toMatchObject({
      ok: false,
      errors: { key: expect.stringMatching(/already in the list/) },
    });
    expect(checkCustomField(fields, { key: 'phone', label: 'x', type: 'text' })).toMatchObject({
      ok: false,
      errors: { key: expect.stringMatching(/already in the list/) },
    });
    expect(checkCustomField(fields, { key: 'ok', label: ' ', type: 'text' })).toMatchObject({
      ok: false,
      errors: { label: expect.stringMatching(/at most 60/) },
    });
    expect(
      checkCustomField(fields, { key: 'ok', label: 'x'.repeat(CRM_LIMITS.fieldLabelChars + 1), type: 'text' }).ok,
    ).toBe(false);
    const full = Array.from({ length: CRM_LIMITS.layoutFields }, (_, i) => ({
      custom: true as const,
      key: `f${i}`,
      label: `F${i}`,
      type: 'text' as const,
      visible: true,
    }));
    expect(checkCustomField(full, { key: 'one_more', label: 'One more', type: 'text' })).toMatchObject({
      ok: false,
      errors: { list: expect.stringMatching(/at most 40 fields/) },
    });
  });
});
