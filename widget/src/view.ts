import { LIMITS } from '#protocol/limits';
import { ACCEPT_ATTRIBUTE } from '#protocol/file-types';
import { attachControls, attachmentNodes, type FetchFile } from './attachment-row';
import { productNodes } from './product-row';
import { X } from 'lucide';
import { svgIcon } from '#utils/svg-icon';
import { h } from './dom';
import type { Lang, Translate } from './i18n';
import { OfflineForm, type OfflineSubmit } from './offline-form';
import type { ViewModel } from './session';
import { adoptStyles, createShell, shellCss, type Shell } from './shell';
import { css } from './styles';
import type { ViewItem } from './thread';
import type { DetailsState } from './details';
import { BotChoices, type BotChoice } from './bot-choices';

export interface ViewHandlers {
  /** Returns an error to show, or null when the text was accepted (the composer is then cleared). */
  onSend(text: string): string | null;
  /** The optional pre-chat details: an email, a name, or both; returns the problem to show, if any. */
  onSaveDetails(email: string, name: string): string | null;
  onOfflineSend: OfflineSubmit;
  /** The composer's text changed (sneak peek, FEATURES D2). */
  onDraft?(text: string): void;
  /** Files picked or dropped (FEATURES D3); with fetchFile, files in the thread can be opened. */
  onAttach?(files: File[]): void;
  fetchFile?: FetchFile;
  /** A bot button; false when it could not go out (offline), so the buttons stay usable. */
  onBotChoice(id: BotChoice['id']): boolean;
}

/** The widget's DOM inside the shadow root: the chat panel above the loader's launcher button. */
export class WidgetView {
  private readonly root: HTMLDivElement;
  private readonly launcher: HTMLButtonElement;
  private readonly dot: HTMLSpanElement;
  private readonly panel: HTMLElement;
  private readonly notice: HTMLParagraphElement;
  private readonly queue: HTMLParagraphElement;
  private readonly emailForm: HTMLFormElement;
  private readonly composer: HTMLFormElement;
  private readonly offline: OfflineForm;
  /** Holds only the current input (composer + email row, offline form, thanks, or nothing). */
  private readonly inputArea: HTMLDivElement;
  private input: ViewModel['input'] | null = null;
  private readonly log: HTMLDivElement;
  private readonly empty: HTMLParagraphElement;
  private readonly emailInput: HTMLInputElement;
  private readonly nameInput: HTMLInputElement;
  private readonly emailHint: HTMLParagraphElement;
  /** The pre-chat fields, folded away once the details are saved; and the button that unfolds them. */
  private readonly detailsFields: HTMLDivElement;
  private readonly changeDetails: HTMLButtonElement;
  private editingDetails = false;
  private readonly textarea: HTMLTextAreaElement;
  private readonly error: HTMLParagraphElement;
  private readonly rows = new Map<string, HTMLDivElement>();
  /** "typing…" while a rep types, and the state of the visitor's uploads: polite live text. */
  private readonly typingLine: HTMLParagraphElement;
  private readonly fileLine: HTMLParagraphElement;
  private readonly botChoices: BotChoices;

  constructor(
    shadow: ShadowRoot,
    private readonly t: Translate,
    private readonly handlers: ViewHandlers,
    private readonly lang: Lang,
    shell: Shell = createShell(lang),
  ) {
    adoptStyles(shadow, shellCss + css);

    this.dot = h('span', { class: 'dot', 'aria-hidden': 'true', hidden: true });
    this.launcher = shell.launcher;
    this.launcher.append(this.dot);

    const close = h('button', { type: 'button', class: 'close', 'aria-label': t('close') }, svgIcon(X));
    // Live regions stay in the tree (empty, collapsed by CSS) so a new text is announced.
    this.notice = h('p', { class: 'notice', role: 'status' });
    this.queue = h('p', { class: 'queue', role: 'status', 'aria-live': 'polite' });
    this.empty = h('p', { class: 'empty' }, t('empty'));
    this.log = h(
      'div',
      { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t('log'), tabindex: '0' },
      this.empty,
    );

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
    this.detailsFields = h(
      'div',
      { class: 'fields' },
      h('label', { for: 'parley-name' }, t('nameLabel')),
      h('div', { class: 'row' }, this.nameInput),
      h('label', { for: 'parley-email' }, t('emailLabel')),
      h('div', { class: 'row' }, this.emailInput, h('button', { type: 'submit' }, t('detailsSave'))),
    );
    this.changeDetails = h('button', { type: 'button', class: 'change', hidden: true }, t('detailsChange'));
    const emailForm = (this.emailForm = h(
      'form',
      { class: 'email', novalidate: true },
      this.detailsFields,
      h('div', { class: 'saved-row' }, this.emailHint, this.changeDetails),
    ));
    this.changeDetails.addEventListener('click', () => {
      this.editingDetails = true;
      this.foldDetails(false);
      this.nameInput.focus();
    });

    this.textarea = h('textarea', {
      id: 'parley-message',
      rows: '2',
      maxlength: String(LIMITS.messageChars),
      placeholder: t('placeholder'),
    });
    const composer = (this.composer = h(
      'form',
      { class: 'composer' },
      h('label', { for: 'parley-message', class: 'sr-only' }, t('messageLabel')),
      this.textarea,
      h('button', { type: 'submit' }, t('send')),
    ));
    if (handlers.onAttach)
      composer.prepend(...attachControls(t, ACCEPT_ATTRIBUTE, (files) => handlers.onAttach?.(files), composer));
    this.textarea.addEventListener('input', () => handlers.onDraft?.(this.textarea.value));
    this.typingLine = h('p', { class: 'typing', 'aria-live': 'polite' });
    this.fileLine = h('p', { class: 'file-line', 'aria-live': 'polite' });
    this.offline = new OfflineForm(t, (email, text) => this.handlers.onOfflineSend(email, text));
    this.error = h('p', { class: 'error', role: 'alert' });
    this.botChoices = new BotChoices(t('botChoices'), (id) => this.handlers.onBotChoice(id));

    this.panel = h(
      'section',
      { id: 'parley-panel', class: 'panel', 'aria-labelledby': 'parley-title', hidden: true },
      h('header', {}, h('h2', { id: 'parley-title' }, t('title')), h('p', {}, t('intro')), close),
      this.notice,
      this.log,
      this.typingLine,
      this.botChoices.el,
      this.queue,
      this.fileLine,
      (this.inputArea = h('div', { class: 'input' })),
      this.error,
    );
    this.root = shell.root;
    this.root.prepend(this.panel);
    if (this.root.parentNode !== shadow) shadow.append(this.root);

    this.launcher.addEventListener('click', () => this.setOpen(this.panel.hidden));
    close.addEventListener('click', () => this.setOpen(false));
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.setOpen(false);
    });
    composer.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submitMessage();
    });
    this.textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submitMessage();
      }
    });
    emailForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const problem = this.handlers.onSaveDetails(this.emailInput.value, this.nameInput.value);
      if (!problem) this.editingDetails = false;
      this.error.textContent = problem ?? '';
      // Only a bad email is the email field's fault; nothing at all given is the form's.
      this.emailInput.setAttribute('aria-invalid', problem && this.emailInput.value.trim() !== '' ? 'true' : 'false');
    });
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      this.dot.hidden = true;
      this.scrollToEnd();
      this.focusInput();
    } else if (!this.root.hidden) {
      this.launcher.focus();
    }
  }

  /** FEATURES D2: a rep is typing (or stopped). */
  setTyping(on: boolean): void {
    setText(this.typingLine, on ? this.t('repTyping') : '');
  }

  /** An upload in progress ("Sending x…"), or nothing. */
  setFileStatus(text: string): void {
    setText(this.fileLine, text);
  }

  showError(text: string): void {
    this.error.textContent = text;
  }

  /** The routing bot's buttons now ([] hides them). */
  setBotChoices(choices: BotChoice[]): void {
    this.botChoices.set(choices);
  }

  /** A rep wrote while the panel was closed. */
  markUnread(): void {
    if (!this.isOpen) this.dot.hidden = false;
  }

  /** Applies what session.ts decided: notices, queue line, which input shows, whether we exist. */
  render(vm: ViewModel): void {
    this.root.hidden = !vm.visible;
    setText(this.notice, vm.notice ?? '');
    setText(this.queue, vm.queue ?? '');
    if (vm.input === this.input) return;
    // Detached rather than hidden: the panel never holds two "Your email" or "Message" fields.
    const hadFocus = this.inputArea.matches(':focus-within');
    this.input = vm.input;
    const nodes = {
      composer: [this.emailForm, this.composer],
      offline: [this.offline.form],
      offlineThanks: [this.offline.thanks],
      none: [],
    };
    this.inputArea.replaceChildren(...nodes[vm.input]);
    this.error.textContent = '';
    if (hadFocus) this.focusInput();
  }

  private focusInput(): void {
    if (this.input === 'composer') this.textarea.focus();
    else if (this.input === 'offline') this.offline.focus();
    else if (this.input === 'offlineThanks') this.offline.thanks.focus();
  }

  setDetails(state: DetailsState): void {
    const { email, name } = state.kind === 'none' ? {} : state.details;
    if (email && !this.emailInput.value) this.emailInput.value = email;
    if (name && !this.nameInput.value) this.nameInput.value = name;
    if (email) this.offline.setEmail(email);
    this.emailHint.textContent =
      state.kind === 'saving'
        ? this.t('emailSaving')
        : state.kind === 'saved' && email
          ? this.t('emailSaved', { email })
          : state.kind === 'saved' && name
            ? this.t('nameSaved', { name })
            : this.t('emailHint');
    this.foldDetails(state.kind === 'saved' && !this.editingDetails);
  }

  /** Folds the saved details to their one line, or unfolds them; focus in the fields goes on to the message box. */
  private foldDetails(folded: boolean): void {
    if (this.detailsFields.hidden === folded) return;
    const hadFocus = this.detailsFields.matches(':focus-within');
    this.detailsFields.hidden = folded;
    this.changeDetails.hidden = !folded;
    if (folded && hadFocus) this.textarea.focus();
  }

  /** Keyed update: existing rows are patched in place, so the live region only announces new ones. */
  setItems(items: ViewItem[]): void {
    const nearEnd = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
    const keep = new Set(items.map((i) => i.key));
    for (const [key, row] of this.rows) {
      if (!keep.has(key)) {
        row.remove();
        this.rows.delete(key);
      }
    }
    let prev: Element = this.empty;
    for (const item of items) {
      let row = this.rows.get(item.key);
      if (!row) {
        row = h('div');
        this.rows.set(item.key, row);
      }
      this.fillRow(row, item);
      if (prev.nextElementSibling !== row) prev.after(row);
      prev = row;
    }
    this.empty.hidden = items.length > 0;
    if (nearEnd) this.scrollToEnd();
  }

  private fillRow(row: HTMLDivElement, item: ViewItem): void {
    const className = `msg ${item.author}${item.author === 'system' && item.authorName ? ' bot' : ''}${item.pending ? ' pending' : ''}`;
    // A system line with a name is the routing bot speaking; without one, a plain notice.
    const who =
      item.author === 'visitor'
        ? this.t('you')
        : item.author === 'rep'
          ? item.authorName || this.t('team')
          : (item.authorName ?? '');
    const signature = `${className}\u0000${who}\u0000${item.text}\u0000${item.attachment?.status ?? ''}\u0000${item.product?.productId ?? ''}`;
    if (row.dataset.sig === signature) return;
    row.dataset.sig = signature;
    row.className = className;
    row.replaceChildren();
    if (who) row.append(h('span', { class: 'who' }, who));
    if (item.attachment)
      row.append(
        ...attachmentNodes(
          item.attachment,
          item.author === 'visitor',
          this.t,
          this.handlers.fetchFile ?? (async () => null),
        ),
      );
    else if (item.product) row.append(...productNodes(item.product, this.t, this.lang));
    else row.append(h('p', { class: 'text' }, item.text));
    if (item.pending) row.append(h('span', { class: 'state' }, this.t('sending')));
  }

  private submitMessage(): void {
    const problem = this.handlers.onSend(this.textarea.value);
    this.error.textContent = problem ?? '';
    if (problem === null) {
      this.textarea.value = '';
      this.scrollToEnd();
    }
    this.textarea.focus();
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }
}

/** Writes only on change, so a live region does not re-announce the same words on every render. */
function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
