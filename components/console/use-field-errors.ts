import { ref } from 'vue';
import type * as z from 'zod';

/**
 * A console form's check before sending (FEATURES H1): the hub's own zod schema, each field's first
 * message beside it, and the attributes that tie an input to its message.
 */
export function useFieldErrors(idPrefix: string) {
  const errors = ref<Record<string, string>>({});

  function check<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> | null {
    const checked = schema.safeParse(value);
    errors.value = checked.success
      ? {}
      : Object.fromEntries(checked.error.issues.reverse().map((i) => [String(i.path[0]), i.message]));
    return checked.success ? checked.data : null;
  }

  const invalid = (key: string) => ({
    'aria-invalid': errors.value[key] ? ('true' as const) : undefined,
    'aria-describedby': errors.value[key] ? `${idPrefix}-${key}-error` : undefined,
  });

  return { errors, check, invalid };
}
