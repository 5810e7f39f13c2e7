import { describe, expect, it, vi } from 'vitest';
import type { CardAnswerBody } from '#protocol';
import { useInboxStore } from '#stores/inbox';
import { nextFrame } from '../../tests/components/render';
import { crmSitesItem } from '#utils/crm-sites';
import { db } from '#utils/db';
import { card, hub, matched, ok, panelFixture, reads } from './contact-panel.testing';

vi.mock('#utils/messaging', async () => (await import('./crm-hub.testing')).messagingMock);

const mount = panelFixture();

describe('contact card in the side panel', () => {
  it('shows the matched customer and adds a tag through the hub', async () => {
    hub.answer = (r) =>
      reads(r, { c1: matched(card('Maria')) }) ??
      (r.op === 'addTag' ? ok({ op: 'addTag', tags: ['vip', r.tag] }) : { ok: false, code: 'internal', message: r.op });
    const { panel, button } = mount('c1');
    await expect.element(panel).toHaveTextContent('Maria');
    await expect.element(panel).toHaveTextContent('Score 42/100');
    await panel.getByRole('textbox', { name: 'New customer tag' }).fill('returning');
    await button('Add customer tag').click();
    await expect.element(button('Remove customer tag returning')).toBeVisible();
    const tagRequest = hub.sent.find((r) => r.op === 'addTag');
    expect(tagRequest).toMatchObject({ op: 'addTag', contactId: 'ct-Maria', tag: 'returning' });
    // The hub's answer is kept for next time.
    await expect
      .poll(async () => (await db.cards.get('c1'))?.card)
      .toMatchObject({ status: 'matched', card: { tags: ['vip', 'returning'] } });
  });

  it("shows the cached card at once, then the hub's", async () => {
    await db.cards.put({ conversationId: 'c1', card: matched(card('Cached')), savedAt: 1 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    hub.answer = async (r) => {
      if (r.op === 'card') await held;
      return reads(r, { c1: matched(card('Fresh')) })!;
    };
    const { panel } = mount('c1');
    await expect.element(panel).toHaveTextContent('Cached');
    await expect.element(panel).toHaveTextContent('Saved copy');
    release();
    await expect.element(panel).toHaveTextContent('Fresh');
    await expect.element(panel).not.toHaveTextContent('Cached');
  });

  it('an answer for a conversation the rep has left never shows', async () => {
    let releaseFirst!: () => void;
    const heldFirst = new Promise<void>((r) => (releaseFirst = r));
    let firstAnswered: Promise<unknown> | undefined;
    hub.answer = (r) => {
      const reply = (async () => {
        if (r.op === 'card' && r.conversationId === 'c1') await heldFirst;
        return reads(r, { c1: matched(card('Old')), c2: matched(card('New')) })!;
      })();
      if (r.op === 'card' && r.conversationId === 'c1') firstAnswered = reply;
      return reply;
    };
    const { panel } = mount('c1');
    await expect.poll(() => hub.sent.some((r) => r.op === 'card')).toBe(true);
    useInboxStore().open('c2');
    await expect.element(panel).toHaveTextContent('New');
    releaseFirst();
    await firstAnswered;
    await nextFrame();
    await expect.element(panel).toHaveTextContent('New');
    await expect.element(panel).not.toHaveTextContent('Old');
  });

  it('an anonymous visitor with an email gets create lead; the rep is told who got it', async () => {
    let created = false;
    hub.answer = (r) => {
      if (r.op === 'createLead') {
        created = true;
        return ok({
          op: 'createLead',
          contact: card('Lia').contact,
          owner: { id: 'rep-ben', name: 'Ben' },
          pool: { id: 'pool-1', name: 'Inside sales' },
        });
      }
      const anon: CardAnswerBody = {
        status: 'anonymous',
        known: { name: 'Lia', email: 'lia@shop.test', phone: null, lastPageUrl: null },
        canCreateLead: true,
      };
      return reads(r, {
        c1: created
          ? matched(card('Lia', { contact: { ...card('Lia').contact, kind: 'lead', fromChat: true } }))
          : anon,
      })!;
    };
    const { panel, button } = mount('c1');
    await expect.element(panel).toHaveTextContent('lia@shop.test');
    await button('Create lead…').click();
    const form = panel.getByRole('form', { name: 'Create lead' });
    await expect.element(form.getByRole('combobox', { name: 'Give to' })).toHaveValue('pool:pool-1');
    await form.getByRole('button', { name: 'Create lead', exact: true }).click();
    await expect.element(panel).toHaveTextContent('Inside sales gave it to Ben');
    expect(hub.sent.find((r) => r.op === 'createLead')).toMatchObject({
      assign: { kind: 'pool', poolId: 'pool-1' },
      name: 'Lia',
    });
    await expect.element(panel).toHaveTextContent('from chat');
  });

  it('opens the record in each configured CRM, in a new tab without an opener (FEATURES E8)', async () => {
    const site = { recordPath: null, emailSelector: null, emailAttribute: null };
    await crmSitesItem.setValue([
      {
        id: 's1',
        name: 'Acme CRM',
        pattern: 'https://crm.acme.test/*',
        ...site,
        recordUrlTemplate: 'https://crm.acme.test/contacts?email={email}',
      },
      {
        id: 's2',
        name: 'Phone CRM',
        pattern: 'https://crm.phone.test/*',
        ...site,
        recordUrlTemplate: 'https://crm.phone.test/{phone}',
      },
      {
        id: 's3',
        name: 'Page only',
        pattern: 'https://crm.page.test/*',
        ...site,
        emailSelector: '.email',
        recordUrlTemplate: null,
      },
    ]);
    hub.answer = (r) => reads(r, { c1: matched(card('Maria')) })!;
    const { panel } = mount('c1');
    const link = panel.getByRole('link', { name: 'Open in Acme CRM', exact: true });
    await expect.element(link).toHaveAttribute('href', 'https://crm.acme.test/contacts?email=maria%40shop.test');
    // Maria has no phone, so the phone-based template gives no link.
    expect(panel.getByRole('link').elements()).toHaveLength(1);
    await expect.element(link).toHaveAttribute('target', '_blank');
    await expect.element(link).toHaveAttribute('rel', 'noopener noreferrer');
  });
});
