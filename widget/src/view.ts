// The widget's panel in the shadow root: launcher, header, live lines, which input shows, opening and closing.
import { LIMITS } from '#protocol/limits';
import { ACCEPT_ATTRIBUTE } from '#protocol/file-types';
import { attachControls, type FetchFile } from './attachment-row';
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
import { DetailsForm } from './details-form';
import { MessageLog } from './message-log';
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
  private readonly details: DetailsForm;
  private readonly composer: HTMLFormElement;
  private readonly offline: OfflineForm;
  /** Holds only the current input (composer + email row, offline form, thanks, or nothing). */
  private readonly inputArea: HTMLDivElement;
  private input: ViewModel['input'] | null = null;
  private readonly log: MessageLog;
  private readonly textarea: HTMLTextAreaElement;
  private readonly error: HTMLParagraphElement;
  /** "typing…" while a rep types, and the state of the visitor's uploads: polite live text. */
  private readonly typingLine: HTMLParagraphElement;
  private readonly fileLine: HTMLParagraphElement;
  private readonly botChoices: BotChoices;

  constructor(
    shadow: ShadowRoot,
    private readonly t: Translate,
    private readonly handlers: ViewHandlers,
    lang: Lang,
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
    this.log = new MessageLog(t, lang, handlers.fetchFile ?? (async () => null));
    this.details = new DetailsForm(
      t,
      (email, name) => this.handlers.onSaveDetails(email, name),
      (text) => {
        this.error.textContent = text;
      },
      () => this.textarea.focus(),
    );

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
      this.log.el,
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
      composer: [this.details.form, this.composer],
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
    this.details.set(state);
    const email = state.kind === 'none' ? undefined : state.details.email;
    if (email) this.offline.setEmail(email);
  }

  /** Keyed update of the conversation's rows. */
  setItems(items: ViewItem[]): void {
    this.log.setItems(items);
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
    this.log.scrollToEnd();
  }
}

/** Writes only on change, so a live region does not re-announce the same words on every render. */
function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
