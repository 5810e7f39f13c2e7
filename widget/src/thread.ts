import type { VisitorAttachment, VisitorMessage, VisitorProductCard } from '#protocol/visitor';
import type { OutboxEntry } from './outbox';

/**
 * The conversation as the visitor sees it. The hub pushes every message (the visitor's own too),
 * repeats history in each `welcome`, and acks sends separately, so the same message can arrive
 * several times and by several routes: it is kept once, by message id and by clientId.
 */
export class Thread {
  private byId = new Map<string, VisitorMessage>();

  /** Adds or replaces a message; returns false if nothing changed. */
  upsert(m: VisitorMessage): boolean {
    const same = this.byId.get(m.id);
    if (same && sameMessage(same, m)) return false;
    if (!same && m.clientId) {
      for (const [id, other] of this.byId) {
        if (other.clientId === m.clientId) this.byId.delete(id);
      }
    }
    this.byId.set(m.id, m);
    return true;
  }

  /**
   * The hub acked a send. Until its `message` push arrives, show the entry as delivered under the
   * id the hub gave it (the push then replaces it instead of adding a second copy).
   */
  confirm(entry: OutboxEntry, messageId: string): boolean {
    if (this.byId.has(messageId) || this.hasClientId(entry.clientId)) return false;
    return this.upsert({
      id: messageId,
      clientId: entry.clientId,
      author: 'visitor',
      authorName: null,
      text: entry.text,
      createdAt: entry.createdAt,
    });
  }

  hasClientId(clientId: string): boolean {
    for (const m of this.byId.values()) if (m.clientId === clientId) return true;
    return false;
  }

  /** Messages oldest first; ties keep arrival order. */
  list(): VisitorMessage[] {
    return [...this.byId.values()]
      .map((m, i) => ({ m, i, t: Date.parse(m.createdAt) || 0 }))
      .sort((a, b) => a.t - b.t || a.i - b.i)
      .map((x) => x.m);
  }

  get size(): number {
    return this.byId.size;
  }
}

function sameMessage(a: VisitorMessage, b: VisitorMessage): boolean {
  return (
    a.attachment?.status === b.attachment?.status &&
    a.text === b.text &&
    a.author === b.author &&
    a.authorName === b.authorName &&
    a.createdAt === b.createdAt &&
    a.clientId === b.clientId
  );
}

export interface ViewItem {
  key: string;
  author: VisitorMessage['author'];
  authorName: string | null;
  text: string;
  pending: boolean;
  /** A file sent with the message (FEATURES D3), with what became of it. */
  attachment?: VisitorAttachment | null;
  /** A product card a rep sent (FEATURES E10). */
  product?: VisitorProductCard;
}

/** What the list shows: delivered messages, then the outbox entries the hub has not confirmed. */
export function viewItems(thread: Thread, pending: OutboxEntry[]): ViewItem[] {
  const items: ViewItem[] = thread.list().map((m) => ({
    // Keyed by clientId when there is one, so a pending line turns into the delivered one in place.
    key: m.clientId ? `c:${m.clientId}` : `m:${m.id}`,
    author: m.author,
    authorName: m.authorName,
    text: m.text,
    pending: false,
    attachment: m.attachment,
    product: m.product,
  }));
  for (const e of pending) {
    if (thread.hasClientId(e.clientId)) continue;
    items.push({ key: `c:${e.clientId}`, author: 'visitor', authorName: null, text: e.text, pending: true });
  }
  return items;
}
