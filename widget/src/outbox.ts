import { uuid } from './storage';

/**
 * Messages the visitor typed that the hub has not acknowledged yet. Each one is written to storage
 * before it is sent, so a reload, a dropped network or a hub restart loses nothing; on every
 * (re)connect all entries are sent again in order and the hub drops repeats by clientId.
 *
 * Every operation reads storage afresh (read-modify-write), so two tabs of the same shop do not
 * overwrite each other's entries.
 */

export interface OutboxEntry {
  clientId: string;
  text: string;
  pageUrl: string;
  /** Local ISO time the visitor pressed Send; only used to order and display pending entries. */
  createdAt: string;
}

export class Outbox {
  private readonly key: string;
  /** Mirror used once storage refuses a write (quota), so entries still live for this page. */
  private memory: OutboxEntry[] = [];
  private persistent = true;

  constructor(
    private readonly storage: Storage,
    chatKey: string,
    private readonly newId: () => string = uuid,
  ) {
    this.key = `parley.outbox.${chatKey}`;
  }

  /** Entries in the order they were added. */
  list(): OutboxEntry[] {
    if (!this.persistent) return [...this.memory];
    let raw: string | null;
    try {
      raw = this.storage.getItem(this.key);
    } catch {
      return [...this.memory];
    }
    return parseEntries(raw);
  }

  add(text: string, pageUrl: string, now: Date = new Date()): OutboxEntry {
    const entry: OutboxEntry = { clientId: this.newId(), text, pageUrl, createdAt: now.toISOString() };
    this.write([...this.list(), entry]);
    return entry;
  }

  has(clientId: string): boolean {
    return this.list().some((e) => e.clientId === clientId);
  }

  /** Drops an entry once the hub has it; returns the entry, or null if it was not (or no longer) here. */
  remove(clientId: string): OutboxEntry | null {
    const all = this.list();
    const i = all.findIndex((e) => e.clientId === clientId);
    if (i < 0) return null;
    const [gone] = all.splice(i, 1);
    this.write(all);
    return gone;
  }

  private write(entries: OutboxEntry[]): void {
    this.memory = entries;
    if (!this.persistent) return;
    try {
      if (entries.length) this.storage.setItem(this.key, JSON.stringify(entries));
      else this.storage.removeItem(this.key);
    } catch {
      this.persistent = false;
    }
  }
}

function parseEntries(raw: string | null): OutboxEntry[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data.filter(
    (e): e is OutboxEntry =>
      !!e &&
      typeof e === 'object' &&
      typeof e.clientId === 'string' &&
      typeof e.text === 'string' &&
      typeof e.pageUrl === 'string' &&
      typeof e.createdAt === 'string',
  );
}
