/**
 * Where the widget keeps what must survive a reload: the visitor's credential, the outbox and a
 * pending email. localStorage when the page allows it; otherwise an in-memory stand-in (private modes and
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

/** Before issue 14 the widget made its own visitor id, which was also its credential; it opens nothing now. */
const OLD_VISITOR_KEY = 'parley.visitorId';
const TOKEN_RE = /^[A-Za-z0-9_-]{32,128}$/;

/**
 * The credential the hub minted for this browser in this chat (`welcome.token`), presented in every
 * `hello` and on file requests. Null before the first welcome, or if someone mangled it: the hub
 * then makes a new visitor.
 */
export class VisitorCredential {
  private readonly key: string;
  private value: string | null;

  constructor(
    private readonly storage: Storage,
    chatKey: string,
  ) {
    this.key = `parley.visitor.${chatKey}`;
    const known = storage.getItem(this.key);
    this.value = known && TOKEN_RE.test(known) ? known : null;
    try {
      storage.removeItem(OLD_VISITOR_KEY);
    } catch {
      /* ignore */
    }
  }

  get token(): string | null {
    return this.value;
  }

  /** A new credential from the hub; kept for the page even if storage is full. */
  set(token: string): void {
    this.value = token;
    try {
      this.storage.setItem(this.key, token);
    } catch {
      /* full storage: the credential lives for this page only */
    }
  }
}
