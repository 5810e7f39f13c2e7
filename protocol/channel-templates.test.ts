import { describe, expect, it } from 'vitest';
import { fillTemplate, templateParamCount } from './channel-templates';

describe('WhatsApp template bodies', () => {
  it('counts the parameters a body needs by its highest placeholder', () => {
    expect(templateParamCount('Hello {{1}}, your order {{2}} has shipped.')).toBe(2);
    expect(templateParamCount('Reminder: {{3}} (see {{1}})')).toBe(3);
    expect(templateParamCount('No placeholders, {not one} {{x}}')).toBe(0);
  });

  it('fills each placeholder with its trimmed parameter, as often as it appears', () => {
    expect(fillTemplate('Hello {{1}}, order {{2}} for {{1}}.', [' Giulia ', 'A-1042'])).toEqual({
      text: 'Hello Giulia, order A-1042 for Giulia.',
      missing: [],
    });
  });

  it('leaves a placeholder without a value as {{n}} and names it missing, once', () => {
    expect(fillTemplate('Hi {{1}}, order {{2}}, again {{2}}; {{3}}', ['Giulia', '  '])).toEqual({
      text: 'Hi Giulia, order {{2}}, again {{2}}; {{3}}',
      missing: [2, 3],
    });
  });

  it('keeps a parameter that looks like a placeholder as text, not filled again', () => {
    expect(fillTemplate('{{1}} and {{2}}', ['{{2}}', 'two']).text).toBe('{{2}} and two');
  });
});
