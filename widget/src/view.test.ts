// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { translator } from './i18n';
import type { ViewModel } from './session';
import { WidgetView, type ViewHandlers } from './view';

/** The view in a shadow root, with spy handlers; `q` queries inside the shadow. */
function mount(handlers: Partial<ViewHandlers> = {}) {
  const host = document.createElement('div');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const all: ViewHandlers = {
    onSend: vi.fn(() => null),
    onSaveDetails: vi.fn(() => null),
    onOfflineSend: vi.fn(() => null),
    onBotChoice: vi.fn(() => true),
    ...handlers,
  };
  const view = new WidgetView(shadow, translator('en'), all, 'en');
  const q = <T extends Element = HTMLElement>(sel: string) => shadow.querySelector(sel) as T;
  /** The text of the label pointing at the element, i.e. its accessible name. */
  const labelOf = (el: Element) => q(`label[for="${el.id}"]`)?.textContent;
  return { view, shadow, handlers: all, q, labelOf };
}
const vm = (over: Partial<ViewModel> = {}): ViewModel => ({
  visible: true,
  notice: null,
  queue: null,
  input: 'composer',
  ...over,
});

describe('WidgetView.render', () => {
  it('closed hours: swaps composer and email row for the labelled offline form', () => {
    const { view, q, labelOf, shadow } = mount();
    view.render(vm({ input: 'offline' }));
    const form = q<HTMLFormElement>('form.offline');
    expect(q('form.composer')).toBeNull();
    expect(q('form.email')).toBeNull();
    expect(q(`#${form.getAttribute('aria-labelledby')}`).textContent).toBe(
      "We're away right now. Leave a message and we'll reply by email.",
    );
    expect(shadow.querySelectorAll('input[type=email], textarea')).toHaveLength(2); // one email, one message
    expect(labelOf(q('#parley-offline-email'))).toBe('Your email');
    expect(labelOf(q('#parley-offline-message'))).toBe('Message');
    expect(q('#parley-offline-email').hasAttribute('required')).toBe(true);
    expect(form.querySelector('button[type=submit]')?.textContent).toBe('Send message');
  });

  it('offline submit hands email and text over; a problem is shown and marks the field', () => {
    const onOfflineSend = vi
      .fn<ViewHandlers['onOfflineSend']>()
      .mockReturnValueOnce({ field: 'email', error: 'Please enter a valid email address.' });
    const { view, q } = mount({ onOfflineSend });
    view.render(vm({ input: 'offline' }));
    q<HTMLInputElement>('#parley-offline-email').value = 'nope';
    q<HTMLTextAreaElement>('#parley-offline-message').value = 'Do you ship to Brno?';
    const submit = () => q<HTMLFormElement>('form.offline').dispatchEvent(new Event('submit', { cancelable: true }));
    submit();
    expect(onOfflineSend).toHaveBeenLastCalledWith('nope', 'Do you ship to Brno?');
    expect(q('#parley-offline-error').textContent).toBe('Please enter a valid email address.');
    expect(q('#parley-offline-email').getAttribute('aria-invalid')).toBe('true');

    q<HTMLInputElement>('#parley-offline-email').value = 'ana@example.test';
    submit();
    expect(onOfflineSend).toHaveBeenLastCalledWith('ana@example.test', 'Do you ship to Brno?');
    expect(q('#parley-offline-error').textContent).toBe('');
    expect(q<HTMLTextAreaElement>('#parley-offline-message').value).toBe('');
    view.render(vm({ input: 'offlineThanks' })); // focus moving to the thanks is checked in Chromium, not happy-dom
    expect(q('.thanks')).not.toBeNull();
    expect(q('.thanks').textContent).toBe("Thanks — we'll get back to you.");
    expect(q('form.offline')).toBeNull();
  });

  it('notice and queue go into always-present status regions, as text', () => {
    const { view, q } = mount();
    const queue = q('.queue');
    expect(queue.getAttribute('role')).toBe('status');
    expect(queue.getAttribute('aria-live')).toBe('polite');
    view.render(vm({ notice: '<b>x</b>', queue: 'You are number 2 in the queue.' }));
    expect(q('.notice').textContent).toBe('<b>x</b>');
    expect(q('.notice').children).toHaveLength(0);
    expect(queue.textContent).toBe('You are number 2 in the queue.');
    view.render(vm());
    expect(queue.isConnected && queue.textContent).toBe('');
  });

  it('blocked: no inputs while the notice shows, then launcher and panel are gone', () => {
    const { view, q } = mount();
    view.setOpen(true);
    view.render(vm({ notice: 'This conversation has been suspended.', input: 'none' }));
    expect(q('form.composer')).toBeNull();
    expect(q('form.offline')).toBeNull();
    expect(q('.root').hidden).toBe(false);
    view.render(vm({ visible: false, input: 'none' }));
    expect(q('.root').hidden).toBe(true);
  });
});
