import { VisitorClientFrame } from '#protocol/visitor';
import type { MessageKey } from './locales';

/**
 * The pre-chat details (FEATURES G1): an email, a name, or both — no chat asks for an email, so a name
 * alone is enough. What the visitor saves is kept as pending until the hub's `identified` says it
 * is stored, and sent again after every reconnect until then; what the hub confirmed is remembered
 * for the next page view. A name alone leaves the visitor anonymous to the routing bot (only an
 * email identifies someone), so the bot still greets them.
 */

export interface Details {
  email?: string;
  name?: string;
}
export type DetailsState = { kind: 'none' } | { kind: 'saving' | 'saved'; details: Details };

/** The form's raw fields as the hub will accept them (the same schema), or why not. */
export function parseDetails(
  rawEmail: string,
  rawName: string,
): { ok: true; details: Details } | { ok: false; error: MessageKey } {
  const details: Details = {};
  if (rawEmail.trim() !== '') details.email = rawEmail;
  if (rawName.trim() !== '') details.name = rawName;
  if (details.email === undefined && details.name === undefined) return { ok: false, error: 'detailsEmpty' };
  const parsed = VisitorClientFrame.safeParse({ type: 'identify', ...details });
  if (!parsed.success || parsed.data.type !== 'identify')
    return { ok: false, error: details.email !== undefined && !validEmail(rawEmail) ? 'emailInvalid' : 'nameInvalid' };
  return { ok: true, details: withoutEmpty({ email: parsed.data.email, name: parsed.data.name }) };
}

/** The email as the hub will accept it (trimmed, lower-cased), or null. */
export function validEmail(raw: string): string | null {
  const parsed = VisitorClientFrame.safeParse({ type: 'identify', email: raw });
  return parsed.success && parsed.data.type === 'identify' ? (parsed.data.email ?? null) : null;
}

export class DetailsStore {
  private readonly keys;

  constructor(
    private readonly storage: Storage,
    chatKey: string,
  ) {
    this.keys = {
      email: `parley.email.${chatKey}`,
      name: `parley.name.${chatKey}`,
      pendingEmail: `parley.emailPending.${chatKey}`,
      pendingName: `parley.namePending.${chatKey}`,
    };
  }

  /** Remembers what the visitor just saved until the hub confirms it. */
  setPending(details: Details): void {
    this.put(this.keys.pendingEmail, details.email);
    this.put(this.keys.pendingName, details.name);
  }

  /** The identify frame still owed to the hub, if any. */
  pendingFrame(): VisitorClientFrame | null {
    const pending = this.pending();
    return pending ? { type: 'identify', ...pending } : null;
  }

  /** The hub's `identified`: remembered, and no longer pending once it matches what was saved last. */
  confirmed(stored: Details): void {
    if (stored.email) this.put(this.keys.email, stored.email);
    if (stored.name) this.put(this.keys.name, stored.name);
    const pending = this.pending();
    if (pending && pending.email === stored.email && pending.name === stored.name) this.setPending({});
  }

  state(): DetailsState {
    const pending = this.pending();
    if (pending) return { kind: 'saving', details: pending };
    const saved = withoutEmpty({ email: this.get(this.keys.email), name: this.get(this.keys.name) });
    return saved.email || saved.name ? { kind: 'saved', details: saved } : { kind: 'none' };
  }

  private pending(): Details | null {
    const details = withoutEmpty({ email: this.get(this.keys.pendingEmail), name: this.get(this.keys.pendingName) });
    return details.email || details.name ? details : null;
  }

  private get(key: string): string | undefined {
    try {
      return this.storage.getItem(key) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private put(key: string, value: string | undefined): void {
    try {
      if (value) this.storage.setItem(key, value);
      else this.storage.removeItem(key);
    } catch {
      /* storage full or refused: the details are still sent for this page view */
    }
  }
}

function withoutEmpty(d: { email?: string; name?: string }): Details {
  return { ...(d.email ? { email: d.email } : {}), ...(d.name ? { name: d.name } : {}) };
}
