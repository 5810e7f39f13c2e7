import { describe, expect, it } from 'vitest';
import { fillPlaceholders, knownValues, placeholderLabel } from './placeholders';

const conversation = { visitorName: 'Maria Bianchi', visitorEmail: null, chatName: 'Demo shop' };

describe('placeholders', () => {
  it('fills what the conversation and the rep say, and lists the rest in order, once each', () => {
    const known = knownValues(conversation, { name: 'Anna Rossi' });
    expect(known).toEqual({ 'visitor.name': 'Maria Bianchi', 'rep.name': 'Anna Rossi', 'chat.name': 'Demo shop' });
    const out = fillPlaceholders(
      'Hi {visitor.name}, {rep.name} here. Order {order.number} ({order.number}) to {visitor.email}.',
      known,
    );
    expect(out).toEqual({
      text: 'Hi Maria Bianchi, Anna Rossi here. Order {order.number} ({order.number}) to {visitor.email}.',
      missing: ['order.number', 'visitor.email'],
    });
  });

  it('asks for a visitor name the visitor never gave (null or blank)', () => {
    expect(
      fillPlaceholders('Hello {visitor.name}', knownValues({ ...conversation, visitorName: '  ' }, null)).missing,
    ).toEqual(['visitor.name']);
    expect(fillPlaceholders('{rep.name}', knownValues(null, null)).missing).toEqual(['rep.name']);
  });

  it('inserts values as typed: no "$&" expansion and no placeholder inside a value is filled again', () => {
    const out = fillPlaceholders('{a} and {b}', { a: '$& {b}', b: 'B' });
    expect(out).toEqual({ text: '$& {b} and B', missing: [] });
  });

  it('leaves text that only looks like a placeholder alone', () => {
    expect(fillPlaceholders('{ not one } {Upper} {1x} {}', {})).toEqual({
      text: '{ not one } {Upper} {1x} {}',
      missing: [],
    });
  });

  it('labels known placeholders in words and others by their name', () => {
    expect(placeholderLabel('visitor.name')).toBe('Visitor’s name');
    expect(placeholderLabel('order.number')).toBe('order.number');
  });
});
