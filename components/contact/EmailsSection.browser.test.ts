import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-vue';
import { h, ref } from 'vue';
import type { EmailSummary } from '#protocol';
import EmailsSection from './EmailsSection.vue';

/** The recent-emails section of the contact card (FEATURES E2): subject, direction, date and snippet, as text. */
const email = (id: string, extra: Partial<EmailSummary> = {}): EmailSummary => ({
  id,
  direction: 'in',
  subject: `Subject ${id}`,
  snippet: `Snippet ${id}`,
  at: '2026-11-20T09:30:00.000Z',
  ...extra,
});

describe('recent emails on the contact card', () => {
  it('lists each email with its direction, subject, date and snippet, in the order given', async () => {
    const screen = render(EmailsSection, {
      props: {
        emails: [
          email('a', { subject: 'Invoice request' }),
          email('b', { direction: 'out', subject: 'Your order has shipped' }),
        ],
      },
    });
    const items = screen.getByRole('list', { name: 'Recent emails' }).getByRole('listitem');
    await expect.element(items.nth(0)).toHaveTextContent(/^\s*Received\s*Invoice request\s*Snippet a\s*\S/);
    await expect.element(items.nth(1)).toHaveTextContent(/^\s*Sent\s*Your order has shipped\s*Snippet b\s*\S/);
    expect(items.elements()).toHaveLength(2);
    await expect.element(items.nth(0).getByRole('time')).toHaveAttribute('datetime', '2026-11-20T09:30:00.000Z');
  });

  it('shows markup in a subject or snippet as text, never as HTML', async () => {
    const screen = render(EmailsSection, {
      props: { emails: [email('x', { subject: '<b>bold</b>', snippet: '<img src=x onerror="alert(1)">Hi' })] },
    });
    await expect.element(screen.getByText('<img src=x onerror="alert(1)">Hi', { exact: true })).toBeVisible();
    await expect.element(screen.getByText('<b>bold</b>', { exact: true })).toBeVisible();
    expect(screen.container.querySelector('img, b')).toBeNull();
  });

  it('says so when there are none, and names an email without a subject', async () => {
    const emails = ref<EmailSummary[]>([]);
    const screen = render({ render: () => h(EmailsSection, { emails: emails.value }) });
    await expect.element(screen.getByText('No recent emails.')).toBeVisible();
    expect(screen.getByRole('list').query()).toBeNull();
    emails.value = [email('y', { subject: '' })];
    await expect
      .element(screen.getByRole('list', { name: 'Recent emails' }).getByRole('listitem'))
      .toHaveTextContent('(no subject)');
  });
});
