// The optional pre-chat details form (name, email): its fields, hint line, saving, and folding once saved.
import { LIMITS } from '#protocol/limits';
import type { DetailsState } from './details';
import { h } from './dom';
import type { Translate } from './i18n';

export class DetailsForm {
  readonly form: HTMLFormElement;
  private readonly emailInput: HTMLInputElement;
  private readonly nameInput: HTMLInputElement;
  private readonly emailHint: HTMLParagraphElement;
  /** The pre-chat fields, folded away once the details are saved; and the button that unfolds them. */
  private readonly fields: HTMLDivElement;
  private readonly changeDetails: HTMLButtonElement;
  private editing = false;

  /**
   * onSave returns the problem to show, if any; showError shows it (or clears it with '');
   * focusNext takes the focus on when the fields fold away under it (the message box).
   */
  constructor(
    private readonly t: Translate,
    onSave: (email: string, name: string) => string | null,
    showError: (text: string) => void,
    private readonly focusNext: () => void,
  ) {
    this.emailInput = h('input', {
      id: 'parley-email',
      type: 'email',
      autocomplete: 'email',
      maxlength: String(LIMITS.nameChars * 2),
      'aria-describedby': 'parley-email-hint',
    });
    this.nameInput = h('input', {
      id: 'parley-name',
      type: 'text',
      autocomplete: 'name',
      maxlength: String(LIMITS.nameChars),
    });
    this.emailHint = h('p', { id: 'parley-email-hint', class: 'hint' }, t('emailHint'));
    // The pre-chat form: both optional, never in the way of writing (the composer sits right below).
    // Once saved it folds to one line (what was saved, and a button to change it), so the
    // conversation keeps the room.
    this.fields = h(
      'div',
      { class: 'fields' },
      h('label', { for: 'parley-name' }, t('nameLabel')),
      h('div', { class: 'row' }, this.nameInput),
      h('label', { for: 'parley-email' }, t('emailLabel')),
      h('div', { class: 'row' }, this.emailInput, h('button', { type: 'submit' }, t('detailsSave'))),
    );
    this.changeDetails = h('button', { type: 'button', class: 'change', hidden: true }, t('detailsChange'));
    this.form = h(
      'form',
      { class: 'email', novalidate: true },
      this.fields,
      h('div', { class: 'saved-row' }, this.emailHint, this.changeDetails),
    );
    this.changeDetails.addEventListener('click', () => {
      this.editing = true;
      this.fold(false);
      this.nameInput.focus();
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      const problem = onSave(this.emailInput.value, this.nameInput.value);
      if (!problem) this.editing = false;
      showError(problem ?? '');
      // Only a bad email is the email field's fault; nothing at all given is the form's.
      this.emailInput.setAttribute('aria-invalid', problem && this.emailInput.value.trim() !== '' ? 'true' : 'false');
    });
  }

  /** Fills empty fields from what is known, says where the saving stands, folds once saved. */
  set(state: DetailsState): void {
    const { email, name } = state.kind === 'none' ? {} : state.details;
    if (email && !this.emailInput.value) this.emailInput.value = email;
    if (name && !this.nameInput.value) this.nameInput.value = name;
    this.emailHint.textContent =
      state.kind === 'saving'
        ? this.t('emailSaving')
        : state.kind === 'saved' && email
          ? this.t('emailSaved', { email })
          : state.kind === 'saved' && name
            ? this.t('nameSaved', { name })
            : this.t('emailHint');
    this.fold(state.kind === 'saved' && !this.editing);
  }

  /** Folds the saved details to their one line, or unfolds them; focus in the fields goes on to the message box. */
  private fold(folded: boolean): void {
    if (this.fields.hidden === folded) return;
    const hadFocus = this.fields.matches(':focus-within');
    this.fields.hidden = folded;
    this.changeDetails.hidden = !folded;
    if (folded && hadFocus) this.focusNext();
  }
}
