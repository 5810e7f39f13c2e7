/**
 * Finding and using controls by what they are called, inside an extension document of the Firefox
 * smoke (support/firefox.ts sends `pageUi` as source with each evaluation). Events are dispatched
 * from script, so they are not trusted input: enough for Vue's handlers, not for APIs that need a
 * user gesture (sidebarAction.open, permissions.request).
 */
export interface PageUi {
  /** The form control a <label> with this text is for. */
  field(label: string): HTMLInputElement | HTMLTextAreaElement;
  /** A button by its accessible name (aria-label, else its text), optionally within `root`. */
  button(name: string | RegExp, root?: ParentNode): HTMLButtonElement;
  /** An element by its aria-label (a region, a list). */
  labelled(name: string): HTMLElement;
  /** Types into a field the way v-model hears it. */
  fill(control: HTMLInputElement | HTMLTextAreaElement, value: string): void;
  /** Polls `check` until it returns something truthy, or fails saying `what`. */
  until<T>(what: string, check: () => T, timeoutMs?: number): Promise<Exclude<T, null | undefined | false | '' | 0>>;
}

export function pageUi(): PageUi {
  const clean = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
  const nameOf = (el: Element) => clean(el.getAttribute('aria-label') ?? el.textContent);
  const matches = (name: string | RegExp, text: string) => (typeof name === 'string' ? text === name : name.test(text));
  const one = <T>(what: string, found: T | undefined | null): T => {
    if (!found) throw new Error(`${what} not found in ${location.pathname}`);
    return found;
  };
  return {
    field: (label) =>
      one(
        `field "${label}"`,
        [...document.querySelectorAll('label')].find((l) => clean(l.textContent) === label)
          ?.control as HTMLInputElement | null,
      ),
    button: (name, root = document) =>
      one(
        `button ${String(name)}`,
        [...root.querySelectorAll('button')].find((b) => matches(name, nameOf(b))),
      ),
    labelled: (name) =>
      one(
        `"${name}"`,
        [...document.querySelectorAll<HTMLElement>('[aria-label]')].find(
          (el) => el.getAttribute('aria-label') === name,
        ),
      ),
    fill(control, value) {
      control.value = value;
      control.dispatchEvent(new Event('input', { bubbles: true }));
    },
    async until(what, check, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        let value: ReturnType<typeof check> | undefined;
        try {
          value = check();
        } catch {
          value = undefined;
        }
        if (value) return value as Exclude<typeof value, null | undefined | false | '' | 0>;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} in ${location.pathname}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}
