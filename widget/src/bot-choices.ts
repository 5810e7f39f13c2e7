import type { VisitorServerFrame } from '#protocol/visitor';
import { h } from './dom';

export type BotChoice = Extract<VisitorServerFrame, { type: 'bot' }>['choices'][number];

/**
 * The routing bot's buttons under the conversation (FEATURES F1, F4: yes / no / a person). A labelled
 * group of real buttons, so keyboard and screen-reader users get them like any other control; after a
 * press they wait (disabled) until the hub says what comes next.
 */
export class BotChoices {
  readonly el: HTMLDivElement;
  private key = '';

  constructor(
    label: string,
    private readonly onChoose: (id: BotChoice['id']) => boolean,
  ) {
    this.el = h('div', { class: 'bot-choices', role: 'group', 'aria-label': label, hidden: true });
  }

  set(choices: BotChoice[]): void {
    const key = JSON.stringify(choices);
    if (key === this.key) return;
    this.key = key;
    const hadFocus = this.el.matches(':focus-within');
    this.el.replaceChildren(
      ...choices.map((c) => {
        const b = h('button', { type: 'button', 'data-choice': c.id }, c.label);
        b.addEventListener('click', () => {
          if (this.onChoose(c.id)) this.el.querySelectorAll('button').forEach((x) => (x.disabled = true));
        });
        return b;
      }),
    );
    this.el.hidden = choices.length === 0;
    if (hadFocus) this.el.querySelector('button')?.focus();
  }
}
