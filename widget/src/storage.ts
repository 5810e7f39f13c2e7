/**
 * Where the widget keeps what must survive a reload: the visitor id, the outbox and a pending
 * email. localStorage when the page allows it; otherwise an in-memory stand-in (private modes and
 * blocked third-party storage throw on access), so the widget still works for the session.
 */

export class MemoryStorage implements Storage {
  private map = new Map<string, string>();

  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.has(key) ? (this.map.get(key) as string) : null;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value));
  }
}

export function pickStorage(): Storage {
  try {
    const s = window.localStorage;
    const probe = '__parley_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return new MemoryStorage();
  }
}

/** A v4 UUID. crypto.randomUUID exists only in secure contexts; getRandomValues exists everywhere. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const VISITOR_KEY = 'parley.visitorId';
const ID_RE = /^[A-Za-z0-9_-]{8,64}$/;

/** The anonymous visitor id: made once, kept in storage, replaced if someone mangled it. */
export function visitorId(storage: Storage): string {
  const known = storage.getItem(VISITOR_KEY);
  if (known && ID_RE.test(known)) return known;
  const id = uuid();
  try {
    storage.setItem(VISITOR_KEY, id);
  } catch {
    /* full storage: the id lives for this page only */
  }
  return id;
}
