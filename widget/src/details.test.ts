import { describe, expect, it } from 'vitest';
import { LIMITS } from '#protocol/limits';
import { DetailsStore, parseDetails } from './details';
import { MemoryStorage } from './storage';

describe('pre-chat details', () => {
  it('takes a name alone, an email alone, or both, as the hub will store them', () => {
    expect(parseDetails('', ' Ana ')).toEqual({ ok: true, details: { name: 'Ana' } });
    expect(parseDetails(' Ana@Example.test ', '')).toEqual({ ok: true, details: { email: 'ana@example.test' } });
    expect(parseDetails('ana@example.test', 'Ana')).toEqual({
      ok: true,
      details: { email: 'ana@example.test', name: 'Ana' },
    });
  });

  it('refuses nothing at all, a bad email (even with a name) and an over-long name', () => {
    expect(parseDetails('  ', '  ')).toEqual({ ok: false, error: 'detailsEmpty' });
    expect(parseDetails('nope', 'Ana')).toEqual({ ok: false, error: 'emailInvalid' });
    expect(parseDetails('', 'x'.repeat(LIMITS.nameChars + 1))).toEqual({ ok: false, error: 'nameInvalid' });
  });

  it('keeps details pending until the hub confirms exactly them, then remembers them', () => {
    const store = new DetailsStore(new MemoryStorage(), 'shop');
    expect(store.state()).toEqual({ kind: 'none' });
    store.setPending({ name: 'Ana' });
    expect(store.pendingFrame()).toEqual({ type: 'identify', name: 'Ana' });
    store.setPending({ name: 'Ana', email: 'ana@example.test' });
    store.confirmed({ name: 'Ana' }); // the answer to the first save: the second is still owed
    expect(store.pendingFrame()).toEqual({ type: 'identify', name: 'Ana', email: 'ana@example.test' });
    store.confirmed({ name: 'Ana', email: 'ana@example.test' });
    expect(store.pendingFrame()).toBeNull();
    expect(store.state()).toEqual({ kind: 'saved', details: { email: 'ana@example.test', name: 'Ana' } });
  });
});
