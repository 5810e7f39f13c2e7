import { describe, expect, it } from 'vitest';
import { recordUrl } from './crm-links';

const values = { id: 'c-1', email: 'ann+x@shop.test', name: 'Ann Lee', phone: null };

describe('open in CRM URL templates (FEATURES E8)', () => {
  it('fills placeholders, URL-encoded', () => {
    expect(recordUrl('https://crm.example/r/{id}?q={email}', values)).toBe(
      'https://crm.example/r/c-1?q=ann%2Bx%40shop.test',
    );
    expect(recordUrl('https://crm.example/s?name={name}', values)).toBe('https://crm.example/s?name=Ann%20Lee');
  });
  it('gives nothing when a used value is missing', () => {
    expect(recordUrl('https://crm.example/p/{phone}', values)).toBeNull();
  });
  it('only http(s) URLs', () => {
    expect(recordUrl('javascript:alert({id})', values)).toBeNull();
    expect(recordUrl('{email}', { ...values, email: 'javascript:alert(1)' })).toBeNull();
    expect(recordUrl('not a url', values)).toBeNull();
  });
});
