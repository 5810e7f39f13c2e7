import { describe, expect, it, vi } from 'vitest';
import { REP } from '#entrypoints/background/hub-data.testing';
import { useSessionStore } from '#stores/session';
import { cardLayoutsItem } from '#utils/card-layout';
import { db } from '#utils/db';
import { AT, card, hub, matched, ok, panelFixture, reads, sectionOrder } from './contact-panel.testing';

vi.mock('#utils/messaging', async () => (await import('./crm-hub.testing')).messagingMock);

const mount = panelFixture();

describe("the contact card's layout: sections and fields", () => {
  it('a section moved by the rep stays moved, for that rep only', async () => {
    hub.answer = (r) => reads(r, { c1: matched(card('Maria')) })!;
    const { button } = mount('c1');
    await expect.poll(() => useSessionStore().rep).toBeTruthy();
    await button('Move Contact details down').click();
    await expect.poll(() => sectionOrder()[0]).toBe('cart');
    const stored = await cardLayoutsItem.getValue();
    expect(stored[REP.id]?.order.slice(0, 2)).toEqual(['cart', 'details']);
    await button('Lock Cart and purchases in place').click();
    await expect.element(button('Move Contact details up')).toBeDisabled();
  });

  it('opens with every section but the contact details closed to its heading, and keeps what the rep opens', async () => {
    await cardLayoutsItem.setValue({});
    hub.answer = (r) => reads(r, { c1: matched(card('Maria')) })!;
    const { panel, button } = mount('c1');
    await expect
      .element(panel.getByRole('region', { name: 'Contact details', exact: true }))
      .toHaveTextContent('maria@shop.test');
    const tags = panel.getByRole('region', { name: 'Customer tags', exact: true });
    await expect.element(button('Expand Customer tags')).toHaveAttribute('aria-expanded', 'false');
    expect(tags.getByRole('list').elements()).toHaveLength(0);
    await button('Expand Customer tags').click();
    await expect.element(tags.getByRole('listitem')).toHaveTextContent('vip');
    await expect.poll(async () => (await cardLayoutsItem.getValue())[REP.id]?.open).toEqual(['details', 'tags']);
  });

  it('shows the recent emails as a section the rep can collapse and move like the others', async () => {
    const emails = [
      {
        id: 'em1',
        direction: 'in' as const,
        subject: 'Invoice request',
        snippet: 'Could you send the invoice?',
        at: AT,
      },
    ];
    hub.answer = (r) => reads(r, { c1: matched(card('Maria', { emails })) })!;
    const { panel, button } = mount('c1');
    const section = panel.getByRole('region', { name: 'Recent emails', exact: true });
    await expect.element(section.getByRole('heading', { name: 'Recent emails', level: 3 })).toBeVisible();
    await expect.element(section).toHaveTextContent('Invoice request');
    await expect.element(section).toHaveTextContent('Could you send the invoice?');
    await button('Collapse Recent emails').click();
    await expect.element(panel).not.toHaveTextContent('Invoice request');
    await expect.element(button('Expand Recent emails')).toHaveAttribute('aria-expanded', 'false');
    await button('Move Recent emails up').click();
    await expect.poll(() => sectionOrder().indexOf('emails') < sectionOrder().indexOf('tags')).toBe(true);
    await expect.poll(async () => (await cardLayoutsItem.getValue())[REP.id]?.open).not.toContain('emails');
  });

  it("lists the layout's fields in its order and sets a custom field's value through the hub (FEATURES E4)", async () => {
    const fields = [
      { key: 'tier', label: 'Loyalty tier', custom: true, value: null },
      { key: 'phone', label: null, custom: false, value: null },
      { key: 'email', label: null, custom: false, value: 'maria@shop.test' },
    ];
    hub.answer = (r) =>
      reads(r, { c1: matched(card('Maria', { fields })) }) ??
      (r.op === 'setField'
        ? ok({ op: 'setField', fields: fields.map((f) => (f.key === r.key ? { ...f, value: r.value } : f)) })
        : { ok: false, code: 'internal', message: r.op });
    const { panel, button } = mount('c1');
    const details = panel.getByRole('region', { name: 'Contact details', exact: true });
    await expect.element(button('Edit Loyalty tier')).toBeVisible();
    expect(
      details
        .getByRole('term')
        .elements()
        .map((dt) => dt.textContent),
    ).toEqual(['Loyalty tier', 'Phone', 'Email']);
    await button('Edit Loyalty tier').click();
    await details.getByRole('textbox', { name: 'Loyalty tier' }).fill(' Gold ');
    await details.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.element(details.getByRole('definition').first()).toHaveTextContent('Gold');
    expect(hub.sent.find((r) => r.op === 'setField')).toMatchObject({
      op: 'setField',
      contactId: 'ct-Maria',
      key: 'tier',
      value: 'Gold',
    });
    await expect
      .poll(async () => (await db.cards.get('c1'))?.card)
      .toMatchObject({ card: { fields: [{ key: 'tier', value: 'Gold' }, {}, {}] } });
  });
});
