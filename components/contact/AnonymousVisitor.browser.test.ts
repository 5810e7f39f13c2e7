import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-vue';
import AnonymousVisitor from './AnonymousVisitor.vue';

/**
 * The card of a visitor whose conversation belongs to no record (FEATURES E1, issue 14): a typed email
 * is marked unverified and a record with it is only a suggestion, linked by the rep's explicit action.
 */
const known = (email: string | null, emailVerified = false) => ({
  name: 'Maria',
  email,
  emailVerified,
  phone: null,
  lastPageUrl: null,
});

describe('an anonymous visitor on the contact card', () => {
  it('marks a typed email unverified and offers its record only as a suggestion the rep links by a click', async () => {
    const screen = render(AnonymousVisitor, {
      props: {
        known: known('maria.bianchi@example.com'),
        canCreateLead: false,
        suggestion: { contactId: 'cu_1', name: 'Maria Bianchi' },
        canLink: true,
        busy: false,
      },
    });
    await expect.element(screen.getByText('unverified (typed by the visitor)')).toBeVisible();
    await expect
      .element(screen.getByText('Possibly Maria Bianchi: a record has this email, but the visitor only typed it.'))
      .toBeVisible();
    const link = screen.getByRole('button', { name: 'Link to this record' });
    await expect.element(link).toHaveAccessibleDescription(/checked who the visitor is/);
    expect(screen.emitted('link')).toBeUndefined();
    await link.click();
    expect(screen.emitted('link')).toEqual([['cu_1']]);
  });

  it('offers no link to a rep who may not make it, and marks nothing on an email the shop verified', async () => {
    const typed = render(AnonymousVisitor, {
      props: {
        known: known('maria.bianchi@example.com'),
        canCreateLead: false,
        suggestion: { contactId: 'cu_1', name: 'Maria Bianchi' },
        canLink: false,
        busy: false,
      },
    });
    await expect.element(typed.getByText(/^Possibly Maria Bianchi/)).toBeVisible();
    expect(typed.getByRole('button', { name: 'Link to this record' }).elements()).toEqual([]);
    typed.unmount();

    const verified = render(AnonymousVisitor, {
      props: {
        known: known('new@example.com', true),
        canCreateLead: true,
        suggestion: null,
        canLink: false,
        busy: false,
      },
    });
    await expect.element(verified.getByText('new@example.com')).toBeVisible();
    expect(verified.getByText('unverified (typed by the visitor)').elements()).toEqual([]);
    await expect.element(verified.getByRole('button', { name: 'Create lead…' })).toBeVisible();
  });
});
