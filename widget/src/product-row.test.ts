// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { translator } from './i18n';
import { productNodes } from './product-row';

const t = translator('en');
const card = {
  productId: 'pr_1',
  name: '<b onmouseover="x()">Oak lamp</b>',
  price: { amountCents: 4990, currency: 'EUR' },
  imageUrl: 'https://shop.example/a.svg',
  url: 'https://shop.example/p/1',
};
const render = (nodes: Node[]) => {
  const row = document.createElement('div');
  row.append(...nodes);
  return row;
};

describe('a product card in the widget (FEATURES E10)', () => {
  it('shows the picked fields, the name as text, and a link that opens apart from the page', () => {
    const row = render(productNodes(card, t, 'en'));
    expect(row.querySelector('b')).toBeNull();
    expect(row.querySelector('.product-name')?.textContent).toBe(card.name);
    expect(row.querySelector('.product-price')?.textContent).toBe('€49.90');
    expect(row.querySelector('img')?.getAttribute('alt')).toBe(card.name);
    const link = row.querySelector('a')!;
    expect([link.getAttribute('href'), link.getAttribute('target'), link.getAttribute('rel')]).toEqual([
      'https://shop.example/p/1',
      '_blank',
      'noopener noreferrer',
    ]);
    expect(link.getAttribute('aria-label')).toBe(`View ${card.name} (opens in a new tab)`);
  });

  it('leaves out what the rep did not pick, and never links anything but http(s)', () => {
    const row = render(productNodes({ ...card, price: null, imageUrl: null, url: 'javascript:alert(1)' }, t, 'en'));
    expect(row.querySelector('a')).toBeNull();
    expect(row.querySelector('img')).toBeNull();
    expect(row.querySelector('.product-price')).toBeNull();
  });
});
