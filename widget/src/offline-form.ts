import { LIMITS } from '#protocol/limits';
import { h } from './dom';
import type { Translate } from './i18n';

/** Returns problems to show (null when accepted); `field` says which input to mark invalid and focus. */
export type OfflineSubmit = (email: string, text: string) => { field: 'email' | 'message'; error: string } | null;

/**
 * Outside business hours the composer and the optional email row give way to this form: email
 * (required, so the reply can reach them) and message, one button. After sending, the view swaps
 * the form for the thanks line; the thread above stays, showing the message as it is delivered.
 */
export class OfflineForm {
  readonly form: HTMLFormElement;
  readonly thanks: HTMLParagraphElement;
  private readonly email: HTMLInputElement;
  private readonly text: HTMLTextAreaElement;
  private readonly error: HTMLParagraphElement;

  constructor(t: Translate, onSubmit: OfflineSubmit) {
    this.email = h('input', {
      id: 'parley-offline-email',
      type: 'email',
      autocomplete: 'email',
      required: true,
      'aria-required': 'true',
      maxlength: String(LIMITS.nameChars * 2),
      'aria-describedby': 'parley-offline-error',
    });
    this.text = h('textarea', {
      id: 'parley-offline-message',
      rows: '3',
      required: true,
      'aria-required': 'true',
      maxlength: String(LIMITS.messageChars),
      'aria-describedby': 'parley-offline-error',
    });
    this.error = h('p', { id: 'parley-offline-error', class: 'error', role: 'alert' });
    // novalidate: our own messages (translated, in the alert) instead of the browser's bubbles.
    this.form = h(
      'form',
      { class: 'offline', novalidate: true, 'aria-labelledby': 'parley-offline-intro' },
      h('p', { id: 'parley-offline-intro', class: 'intro' }, t('offlineIntro')),
      h('label', { for: 'parley-offline-email' }, t('emailLabel')),
      this.email,
      h('label', { for: 'parley-offline-message' }, t('messageLabel')),
      this.text,
      h('button', { type: 'submit' }, t('offlineSend')),
      this.error,
    );
    this.thanks = h('p', { class: 'thanks', role: 'status', tabindex: '-1' }, t('offlineThanks'));

    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      const problem = onSubmit(this.email.value, this.text.value);
      this.error.textContent = problem?.error ?? '';
      this.email.setAttribute('aria-invalid', String(problem?.field === 'email'));
      this.text.setAttribute('aria-invalid', String(problem?.field === 'message'));
      if (problem) (problem.field === 'email' ? this.email : this.text).focus();
      else this.text.value = '';
    });
  }

  /** Pre-fills a known email without overwriting what the visitor is typing. */
  setEmail(email: string): void {
    if (!this.email.value) this.email.value = email;
  }

  focus(): void {
    (this.email.value ? this.text : this.email).focus();
  }
}
