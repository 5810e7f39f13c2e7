import { ref } from 'vue';
import { describeApiFailure } from '#utils/command-errors';
import type { ApiResult } from '#utils/admin-api';
import { t } from '#utils/i18n';
import type { FieldErrors, Validated } from '#utils/settings-form';

/**
 * One settings form's save: validate locally with the protocol's schema (errors beside the fields),
 * then PUT; the hub validates again and its refusal is shown as it said it.
 */
export function useSave<T>(validate: () => Validated<T>, save: (value: T) => Promise<ApiResult<void>>) {
  const errors = ref<FieldErrors>({});
  const status = ref<{ ok: boolean; text: string } | null>(null);
  const saving = ref(false);

  async function submit() {
    if (saving.value) return;
    status.value = null;
    const checked = validate();
    errors.value = checked.ok ? {} : checked.errors;
    if (!checked.ok) {
      status.value = { ok: false, text: t('fixFields') };
      return;
    }
    saving.value = true;
    try {
      const result = await save(checked.value);
      status.value = result.ok ? { ok: true, text: t('saved') } : { ok: false, text: describeApiFailure(result) };
    } finally {
      saving.value = false;
    }
  }

  /** Props for an input showing the error of `key`, if any. */
  const fieldProps = (key: string, id: string) => ({
    'aria-invalid': errors.value[key] ? ('true' as const) : undefined,
    'aria-describedby': errors.value[key] ? `${id}-error` : undefined,
  });

  return { errors, status, saving, submit, fieldProps };
}
