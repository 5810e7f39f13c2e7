// The conversation's log: keyed message rows (text, files, products), the empty line and scrolling to the end.
import { attachmentNodes, type FetchFile } from './attachment-row';
import { h } from './dom';
import type { Lang, Translate } from './i18n';
import { productNodes } from './product-row';
import type { ViewItem } from './thread';

export class MessageLog {
  readonly el: HTMLDivElement;
  private readonly empty: HTMLParagraphElement;
  private readonly rows = new Map<string, HTMLDivElement>();

  constructor(
    private readonly t: Translate,
    private readonly lang: Lang,
    private readonly fetchFile: FetchFile,
  ) {
    this.empty = h('p', { class: 'empty' }, t('empty'));
    this.el = h(
      'div',
      { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t('log'), tabindex: '0' },
      this.empty,
    );
  }

  /** Keyed update: existing rows are patched in place, so the live region only announces new ones. */
  setItems(items: ViewItem[]): void {
    const log = this.el;
    const nearEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
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

  scrollToEnd(): void {
    this.el.scrollTop = this.el.scrollHeight;
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
      row.append(...attachmentNodes(item.attachment, item.author === 'visitor', this.t, this.fetchFile));
    else if (item.product) row.append(...productNodes(item.product, this.t, this.lang));
    else row.append(h('p', { class: 'text' }, item.text));
    if (item.pending) row.append(h('span', { class: 'state' }, this.t('sending')));
  }
}
