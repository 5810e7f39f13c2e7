import * as z from 'zod';
import { LIMITS } from './limits';
import { Id, Timestamp } from './model';

/** Quick-reply templates (FEATURES D5, H3): written by super users, read by the reps of their chat. */

/** Every limit on templates; the hub enforces each and quotes it in its refusal. */
export const TEMPLATE_LIMITS = {
  /** Characters in a template's title. */
  titleChars: 80,
  /** Characters in a category name. */
  categoryChars: 40,
  /** Characters in a template's text: it must fit in one message once inserted. */
  textChars: 2000,
  /** Distinct placeholders in one template (each may prompt the rep once). */
  placeholders: 10,
  /** Templates per chat. */
  perChat: 500,
} as const satisfies Record<string, number>;

/** Languages a template can be written in: the languages of the extension (FEATURES I1). */
export const TEMPLATE_LANGUAGES = ['en', 'it', 'de', 'pl', 'cs'] as const;
export const TemplateLanguage = z.enum(TEMPLATE_LANGUAGES);
export type TemplateLanguage = z.infer<typeof TemplateLanguage>;

/**
 * A placeholder in a template's text: `{visitor.name}`, `{rep.name}`, or any other dotted lower-case
 * name (`{order.number}`), which the rep is asked for before insertion.
 */
export const PLACEHOLDER_PATTERN = /\{([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*)\}/g;

/** The distinct placeholder names in a text, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1]))];
}

const TemplateField = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is empty`)
    .max(max, `${what} is longer than ${max} characters`)
    .refine((s) => !s.includes('\u0000'), `${what} contains a NUL character`);

/** What a super user writes; the body of a create or an update. */
export const TemplateInput = z.object({
  chatId: Id,
  category: TemplateField(TEMPLATE_LIMITS.categoryChars, 'category'),
  language: TemplateLanguage,
  title: TemplateField(TEMPLATE_LIMITS.titleChars, 'title'),
  text: TemplateField(Math.min(TEMPLATE_LIMITS.textChars, LIMITS.messageChars), 'text').refine(
    (s) => placeholdersIn(s).length <= TEMPLATE_LIMITS.placeholders,
    `text has more than ${TEMPLATE_LIMITS.placeholders} different placeholders`,
  ),
});
export type TemplateInput = z.infer<typeof TemplateInput>;

export const Template = TemplateInput.extend({ id: Id, updatedAt: Timestamp });
export type Template = z.infer<typeof Template>;

/** GET /api/admin/templates */
export const TemplatesResponse = z.object({ templates: z.array(Template) });
export type TemplatesResponse = z.infer<typeof TemplatesResponse>;

/** POST and PUT answers: the template as stored. */
export const TemplateResponse = z.object({ template: Template });
export type TemplateResponse = z.infer<typeof TemplateResponse>;
