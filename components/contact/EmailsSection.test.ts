import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from 'vue';
import type { EmailSummary } from '../../protocol';
import EmailsSection from './EmailsSection.vue';

/** The recent-emails section of the contact card (SPEC E2): subject, direction, date and snippet, as text. */
let app: App | null = null;
let root: HTMLElement;
afterEach(() => {
  app?.unmount();
  app = null;
  root.remove();
});

function mount(emails: EmailSummary[]) {
  root = document.createElement('div');
  document.body.append(root);
  app = createApp(EmailsSection, { emails });
  app.mount(root);
}

const email = (id: string, extra: Partial<EmailSummary> = {}): EmailSummary => ({ id, direction: 'in', subject: `Subject ${id}`, snippet: `Snippet ${id}`, at: '2026-11-20T09:30:00.000Z', ...extra });

describe('recent emails on the contact card', () => {
  it('lists each email with its direction, subject, date and snippet, in the order given', () => {
    mount([email('a', { subject: 'Invoice request' }), email('b', { direction: 'out', subject: 'Your order has shipped' })]);
    const list = root.querySelector('ul[aria-label="Recent emails"]')!;
    const items = [...list.querySelectorAll('li')];
    expect(items.map((li) => li.querySelector('.email-subject')!.textContent)).toEqual(['Invoice request', 'Your order has shipped']);
    expect(items.map((li) => li.querySelector('.email-direction')!.textContent)).toEqual(['Received', 'Sent']);
    expect(items[0]!.querySelector('.email-snippet')!.textContent).toBe('Snippet a');
    expect(items[0]!.querySelector('time')!.getAttribute('datetime')).toBe('2026-11-20T09:30:00.000Z');
    expect(items[0]!.querySelector('time')!.textContent).not.toBe('');
  });

  it('shows markup in a subject or snippet as text, never as HTML', () => {
    mount([email('x', { subject: '<b>bold</b>', snippet: '<img src=x onerror="alert(1)">Hi' })]);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.email-subject b')).toBeNull();
    expect(root.querySelector('.email-snippet')!.textContent).toBe('<img src=x onerror="alert(1)">Hi');
    expect(root.querySelector('.email-subject')!.textContent).toBe('<b>bold</b>');
  });

  it('says so when there are none, and names an email without a subject', () => {
    mount([]);
    expect(root.textContent).toContain('No recent emails.');
    expect(root.querySelector('ul')).toBeNull();
    app!.unmount();
    root.remove();
    mount([email('y', { subject: '' })]);
    expect(root.querySelector('.email-subject')!.textContent).toBe('(no subject)');
  });
});
