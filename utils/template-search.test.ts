import { describe, expect, it } from 'vitest';
import type { Template } from '#protocol';
import { categoriesOf, initialLanguage, repTemplateLanguage, searchTemplates } from './template-search';

const tpl = (id: string, language: Template['language'], category: string, title: string, text: string): Template => ({
  id,
  chatId: 'ch',
  language,
  category,
  title,
  text,
  updatedAt: '2026-11-21T10:00:00.000Z',
});
const all = [
  tpl('1', 'en', 'Orders', 'Order status', 'Your order {order.number} ships today.'),
  tpl('2', 'en', 'Greetings', 'Welcome', 'Hello {visitor.name}! Ask me about your order.'),
  tpl('3', 'it', 'Ordini', 'Stato dell’ordine', 'Il suo ordine è in consegna.'),
  tpl('4', 'pl', 'Powitania', 'Powitanie', 'Dzień dobry, w czym mogę pomóc?'),
  tpl('5', 'en', 'Closing', 'Goodbye', 'Thank you for your order.'),
];
const ids = (list: Template[]) => list.map((t) => t.id);

describe('template search', () => {
  it('finds by title, text or category; title matches first', () => {
    expect(ids(searchTemplates(all, { query: 'order', language: 'en', category: 'all' }))).toEqual(['1', '5', '2']);
    expect(ids(searchTemplates(all, { query: 'greet', language: 'all', category: 'all' }))).toEqual(['2']);
    expect(ids(searchTemplates(all, { query: 'ships today', language: 'all', category: 'all' }))).toEqual(['1']);
  });

  it('filters by language and category, and every word must match', () => {
    expect(ids(searchTemplates(all, { query: '', language: 'it', category: 'all' }))).toEqual(['3']);
    expect(ids(searchTemplates(all, { query: '', language: 'all', category: 'Closing' }))).toEqual(['5']);
    expect(ids(searchTemplates(all, { query: 'order hello', language: 'all', category: 'all' }))).toEqual(['2']);
    expect(searchTemplates(all, { query: 'nothing like this', language: 'all', category: 'all' })).toEqual([]);
  });

  it('ignores case and accents', () => {
    expect(ids(searchTemplates(all, { query: 'DZIEN MOGE', language: 'all', category: 'all' }))).toEqual(['4']);
  });

  it("starts in the rep's language when the chat has templates in it, else in all", () => {
    expect(repTemplateLanguage('pl-PL')).toBe('pl');
    expect(repTemplateLanguage('fr')).toBe('en');
    expect(initialLanguage(all, 'pl')).toBe('pl');
    expect(initialLanguage(all, 'cs')).toBe('all');
    expect(categoriesOf(all)).toEqual(['Closing', 'Greetings', 'Orders', 'Ordini', 'Powitania']);
  });
});
