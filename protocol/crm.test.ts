import { describe, expect, it } from 'vitest';
import {
  CRM_LIMITS,
  CrmRequest,
  DueDate,
  FieldLayout,
  parseFrame,
  Phone,
  ProductCardPayload,
  TRACK_LIMITS,
  VisitorClientFrame,
} from './index';
import { VisitorProductCard } from './visitor';

describe('CRM protocol', () => {
  const card = {
    productId: 'pr_1',
    name: 'Oak lamp',
    price: { amountCents: 4990, currency: 'EUR' },
    imageUrl: 'https://shop.example/a.svg',
    url: 'https://shop.example/p/1',
  };

  it('product cards: the rep schema and the widget (mini) schema accept and refuse the same values', () => {
    const samples = [
      card,
      { ...card, url: 'javascript:alert(1)' },
      { ...card, imageUrl: 'data:image/svg+xml,<svg/>' },
      { ...card, url: 'http://shop.example/p/1' },
      { ...card, price: { amountCents: -1, currency: 'EUR' } },
      { ...card, price: { amountCents: 100, currency: 'eur' } },
      { ...card, name: null, imageUrl: null, price: null, url: null }, // the rep schema also needs a name or an image
      { ...card, productId: '' },
    ];
    const verdicts = samples.map((s) => [
      ProductCardPayload.safeParse(s).success,
      VisitorProductCard.safeParse(s).success,
    ]);
    expect(verdicts).toEqual([
      [true, true],
      [false, false],
      [false, false],
      [true, true],
      [false, false],
      [false, false],
      [false, true],
      [false, false],
    ]);
  });

  it('tracking frames: validated, with the cart quantity capped', () => {
    const ok = parseFrame(
      VisitorClientFrame,
      JSON.stringify({
        type: 'track',
        event: 'cart_add',
        url: 'https://shop.example/p/1',
        productId: 'pr_1',
        quantity: 2,
      }),
    );
    expect(ok.ok).toBe(true);
    for (const bad of [
      { type: 'track', event: 'purchase', url: 'https://shop.example/' },
      { type: 'track', event: 'page_view', url: 'not a url' },
      { type: 'track', event: 'cart_add', url: 'https://shop.example/', quantity: CRM_LIMITS.cartQuantity + 1 },
      { type: 'track', event: 'page_view', url: 'https://shop.example/', ageMs: -1 },
      { type: 'track', event: 'page_view', url: 'https://shop.example/', ageMs: TRACK_LIMITS.maxAgeMs + 1 },
      { type: 'track', event: 'page_view', url: 'https://shop.example/', ageMs: 1.5 },
    ])
      expect(parseFrame(VisitorClientFrame, JSON.stringify(bad)).ok).toBe(false);
    const queued = parseFrame(
      VisitorClientFrame,
      JSON.stringify({
        type: 'track',
        event: 'page_view',
        url: 'https://shop.example/',
        title: 'Home',
        ageMs: TRACK_LIMITS.maxAgeMs,
      }),
    );
    expect(queued.ok).toBe(true);
  });

  it("the widget's tracking rate stays well under the hub's, so jitter never gets a frame refused", () => {
    expect(TRACK_LIMITS.widgetPerMinute).toBeLessThanOrEqual(CRM_LIMITS.trackPerMinute / 2);
    expect(TRACK_LIMITS.queueEntries).toBeLessThan(CRM_LIMITS.trackPerMinute);
  });

  it('due dates, phones and layouts refuse what the database would choke on', () => {
    expect(['2026-02-28', '2028-02-29'].map((d) => DueDate.safeParse(d).success)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '26-1-1', 'tomorrow'].map((d) => DueDate.safeParse(d).success)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(['+39 055 123 4567', '(030) 555-01'].map((p) => Phone.safeParse(p).success)).toEqual([true, true]);
    expect(['12', 'call me', '+39 055 123 4567 ext 3'].map((p) => Phone.safeParse(p).success)).toEqual([
      false,
      false,
      false,
    ]);
    expect(
      FieldLayout.safeParse({ entity: 'company', fields: [{ custom: false, key: 'owner', visible: true }] }).success,
    ).toBe(false);
    expect(
      FieldLayout.safeParse({ entity: 'lead', fields: [{ custom: false, key: 'owner', visible: true }] }).success,
    ).toBe(true);
  });

  it('writes need a client id; reads do not', () => {
    expect(CrmRequest.safeParse({ op: 'addNote', contactId: 'cu_1', text: 'x' }).success).toBe(false);
    expect(CrmRequest.safeParse({ op: 'addNote', clientId: 'abcdefgh', contactId: 'cu_1', text: 'x' }).success).toBe(
      true,
    );
    expect(CrmRequest.safeParse({ op: 'card', conversationId: 'c_1' }).success).toBe(true);
  });
});
