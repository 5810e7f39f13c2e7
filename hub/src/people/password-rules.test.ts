import { describe, expect, it } from 'vitest';
import { PEOPLE_LIMITS } from '#protocol';
import { passwordProblem } from './password-rules';

const anna = { email: 'anna.rossi@shop.example', name: 'Anna Rossi' };

describe('new passwords', () => {
  it('are refused below the minimum length, and accepted at it', () => {
    expect(passwordProblem('x7#Lm2qPz9w', anna)).toMatch(/at least 12 characters/);
    expect(passwordProblem('x7#Lm2qPz9wK', anna)).toBeNull();
    expect('x7#Lm2qPz9wK'.length).toBe(PEOPLE_LIMITS.passwordMinChars);
  });

  it('are refused above the maximum length', () => {
    expect(passwordProblem('a7#'.repeat(100), anna)).toMatch(/at most 256 characters/);
  });

  it.each([
    'password1234',
    '123456789012',
    'qwerty123456',
    'PASSWORD1234',
    'iloveyou1234!',
    '!!Sunshine2024',
    'dragondragon',
    'aaaaaaaaaaaaaa',
    'abcabcabcabc',
  ])('refuses the common or repeated %s', (password) =>
    expect(passwordProblem(password, anna)).toMatch(/common|repeats/),
  );

  it('refuses the account’s own email, its name part, or name', () => {
    expect(passwordProblem('anna.rossi@shop.example', anna)).toMatch(/email address or name/);
    expect(passwordProblem('anna.rossi2024!!', anna)).toMatch(/email address or name/);
    expect(passwordProblem('AnnaRossi!!123', anna)).toMatch(/email address or name/);
  });

  it('accepts a long passphrase of ordinary words', () => {
    expect(passwordProblem('correct horse battery staple', anna)).toBeNull();
    expect(passwordProblem('ventitre-gatti-sul-tetto', anna)).toBeNull();
  });

  it('never puts the password into its answer', () => {
    for (const password of ['password1234', 'short', 'anna.rossi2024!!'])
      expect(passwordProblem(password, anna)).not.toContain(password);
  });
});
