/** Meta's Graph API error body: `{ error: { message, code, error_subcode } }`, as a code and a text. */
export function metaError(body: unknown): { code: string | null; text: string | null } {
  const error = (body as { error?: { message?: unknown; code?: unknown } } | null)?.error;
  return {
    code: error?.code !== undefined ? String(error.code) : null,
    text: typeof error?.message === 'string' ? error.message : null,
  };
}
