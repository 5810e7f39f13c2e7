import { beforeEach, describe, expect, it, vi } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import { clampPosition, DEFAULT_ICON_POSITION, originPattern } from '#utils/icon-protocol';
import { createIcon } from './icon';

/** browser.i18n.getMessage over the English catalogue, with $1-style placeholders. */
function message(key: string, subs: string[] = []): string {
  const entry = (en as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>)[key];
  if (!entry) return '';
  return Object.entries(entry.placeholders ?? {}).reduce(
    (text, [name, { content }]) =>
      text.replace(new RegExp(`\\$${name}\\$`, 'gi'), subs[Number(content.slice(1)) - 1] ?? ''),
    entry.message,
  );
}

/**
 * happy-dom has no Event.isTrusted. In a browser the rep's own clicks and keys are trusted and a page
 * script's `click()` or `dispatchEvent` is not: each test says which its events are (the rep's unless
 * it says otherwise). icon.browser.test.ts checks the same in Chromium with its real flag.
 */
let trusted = true;
Object.defineProperty(Event.prototype, 'isTrusted', { configurable: true, get: () => trusted });

let host: HTMLElement;
let onOpen: ReturnType<typeof vi.fn>;
let onMoved: ReturnType<typeof vi.fn>;
let onStatus: ReturnType<typeof vi.fn<(status: string) => Promise<string | null>>>;
let icon: ReturnType<typeof createIcon>;

beforeEach(() => {
  trusted = true;
  document.body.innerHTML = '';
  host = document.createElement('parley-companion');
  document.body.append(host);
  onOpen = vi.fn();
  onMoved = vi.fn();
  onStatus = vi.fn(async () => null);
  icon = createIcon(host, { message, onOpen, onMoved, onStatus, viewport: () => ({ width: 1000, height: 800 }) });
});

const pointer = (type: string, x: number, y: number) =>
  icon.button.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, button: 0, bubbles: true, pointerId: 1 }));

describe('page icon', () => {
  it('lives in a closed shadow root on a fixed host, out of the page flow', () => {
    expect(host.shadowRoot).toBeNull();
    expect(icon.root.querySelector('button')).toBe(icon.button);
    expect(host.style.getPropertyValue('position')).toBe('fixed');
    expect(host.style.getPropertyPriority('position')).toBe('important');
    expect(document.body.querySelector('button')).toBeNull();
  });

  it('shows the count, the status dot and blinks while chats are pending; its name says both', () => {
    icon.render({ signedIn: true, status: 'online', pending: 2, warning: null });
    expect(icon.button.getAttribute('aria-label')).toBe('Parley chats: 2 pending, Online');
    expect(icon.button.dataset.blinking).toBe('true');
    const count = icon.root.querySelector<HTMLElement>('.count')!;
    expect(count.textContent).toBe('2');
    expect(count.hidden).toBe(false);
    expect(icon.root.querySelector<HTMLElement>('.dot')!.dataset.status).toBe('online');

    icon.render({ signedIn: true, status: 'away', pending: 0, warning: null });
    expect(icon.button.dataset.blinking).toBe('false');
    expect(count.hidden).toBe(true);
    expect(icon.button.getAttribute('aria-label')).toBe('Parley chats: 0 pending, Away');

    icon.render({ signedIn: false, status: 'online', pending: 0, warning: null });
    expect(icon.root.querySelector<HTMLElement>('.dot')!.dataset.status).toBe('offline');
  });

  it('shows the closing warning in its name and hint, and drops it when there is none', () => {
    const text = 'Demo shop closes at 18:00 — you have active conversations.';
    icon.render({ signedIn: true, status: 'online', pending: 0, warning: text });
    expect(icon.button.getAttribute('aria-label')).toBe(`Parley chats: 0 pending, Online. ${text}`);
    expect(icon.button.title).toBe(text);
    expect(icon.root.querySelector<HTMLElement>('.warn')!.hidden).toBe(false);
    icon.render({ signedIn: true, status: 'online', pending: 0, warning: null });
    expect(icon.button.getAttribute('aria-label')).toBe('Parley chats: 0 pending, Online');
    expect(icon.root.querySelector<HTMLElement>('.warn')!.hidden).toBe(true);
  });

  it('opens the side panel on a click', () => {
    icon.button.click();
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('moves with the arrow keys (Shift: further), stays on screen and remembers where', () => {
    icon.button.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(icon.position).toEqual({ right: 34, bottom: 24 });
    icon.button.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', shiftKey: true, bubbles: true }));
    expect(icon.position).toEqual({ right: 34, bottom: 74 });
    expect(onMoved).toHaveBeenLastCalledWith({ right: 34, bottom: 74 });
    expect(host.style.getPropertyValue('right')).toBe('34px');
    for (let i = 0; i < 10; i++)
      icon.button.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', shiftKey: true, bubbles: true }));
    expect(icon.position.bottom).toBe(0);
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('is dragged by the pointer, and a drag is not a click', () => {
    pointer('pointerdown', 900, 700);
    pointer('pointermove', 800, 650);
    pointer('pointerup', 800, 650);
    icon.button.click();
    expect(icon.position).toEqual({ right: 124, bottom: 74 });
    expect(onMoved).toHaveBeenCalledWith({ right: 124, bottom: 74 });
    expect(onOpen).not.toHaveBeenCalled();
  });
});

describe('availability from the page icon (FEATURES A3)', () => {
  const shadow = () => icon.root;
  const items = () => [...shadow().querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
  const menu = () => shadow().querySelector<HTMLElement>('[role="menu"]')!;
  const key = (target: HTMLElement, name: string) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true }));

  it('is a named menu button beside the chat button, only while signed in', () => {
    icon.render({ signedIn: false, status: 'offline', pending: 0, warning: null });
    expect(icon.status.toggle.hidden).toBe(true);
    icon.render({ signedIn: true, status: 'away', pending: 0, warning: null });
    expect(icon.status.toggle.hidden).toBe(false);
    expect(icon.status.toggle.getAttribute('aria-label')).toBe('Availability: Away');
    expect(icon.status.toggle.getAttribute('aria-haspopup')).toBe('menu');
    expect(icon.button.contains(icon.status.toggle)).toBe(false);
    expect(menu().getAttribute('aria-label')).toBe('Set availability');
    expect(items().map((i) => [i.textContent, i.getAttribute('aria-checked')])).toEqual([
      ['Online', 'false'],
      ['Away', 'true'],
      ['Invisible', 'false'],
      ['Offline', 'false'],
    ]);
  });

  it('opens on the status in force, moves with the arrows, closes with Escape back on its button', () => {
    icon.render({ signedIn: true, status: 'online', pending: 0, warning: null });
    icon.status.toggle.click();
    expect(menu().hidden).toBe(false);
    expect(icon.status.toggle.getAttribute('aria-expanded')).toBe('true');
    expect(shadow().activeElement).toBe(items()[0]);
    key(items()[0]!, 'ArrowDown');
    expect(shadow().activeElement).toBe(items()[1]);
    key(items()[1]!, 'ArrowUp');
    key(items()[0]!, 'ArrowUp');
    expect(shadow().activeElement).toBe(items()[3]);
    key(items()[3]!, 'Escape');
    expect(menu().hidden).toBe(true);
    expect(icon.status.toggle.getAttribute('aria-expanded')).toBe('false');
    expect(shadow().activeElement).toBe(icon.status.toggle);
    key(icon.status.toggle, 'ArrowUp');
    expect(menu().hidden).toBe(false);
    expect(onOpen).not.toHaveBeenCalled();
    expect(onMoved).not.toHaveBeenCalled();
  });

  it('asks for the picked status and says so when it was refused', async () => {
    icon.render({ signedIn: true, status: 'online', pending: 0, warning: null });
    icon.status.toggle.click();
    items()[2]!.click();
    expect(onStatus).toHaveBeenCalledWith('invisible');
    expect(menu().hidden).toBe(true);
    const note = shadow().querySelector<HTMLElement>('[role="status"]')!;
    await vi.waitFor(() => expect(onStatus).toHaveBeenCalledTimes(1));
    expect(note.hidden).toBe(true);

    onStatus.mockResolvedValueOnce('Not connected to the hub.');
    icon.status.toggle.click();
    items()[1]!.click();
    await vi.waitFor(() => expect(note.hidden).toBe(false));
    expect(note.textContent).toBe('Availability not changed: Not connected to the hub.');
    // Offline is the rep's choice too (FEATURES A3).
    icon.status.toggle.click();
    items()[3]!.click();
    expect(onStatus).toHaveBeenLastCalledWith('offline');
    expect(onOpen).not.toHaveBeenCalled();
  });
});

describe("events the CRM page's scripts make up (issue 14)", () => {
  const items = () => [...icon.root.querySelectorAll<HTMLElement>('[role="menuitemradio"]')];

  it('opens nothing and sends no availability for a synthetic click', () => {
    icon.render({ signedIn: true, status: 'online', pending: 1, warning: null });
    trusted = false;
    icon.button.click();
    icon.status.toggle.click();
    expect(icon.status.menu.hidden).toBe(true);
    items()[3]!.click();
    icon.status.toggle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(icon.status.menu.hidden).toBe(true);
    expect(onOpen).not.toHaveBeenCalled();
    expect(onStatus).not.toHaveBeenCalled();
  });

  it('is not moved by synthetic keys or drags', () => {
    trusted = false;
    icon.button.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    pointer('pointerdown', 900, 700);
    pointer('pointermove', 800, 650);
    pointer('pointerup', 800, 650);
    expect(icon.position).toEqual(DEFAULT_ICON_POSITION);
    expect(onMoved).not.toHaveBeenCalled();
  });
});

describe('icon helpers', () => {
  it('keeps a position inside the viewport', () => {
    expect(clampPosition({ right: -5, bottom: 5000 }, { width: 300, height: 200 })).toEqual({ right: 0, bottom: 152 });
  });

  it('asks for the page origin only, and nothing for pages no extension may script', () => {
    expect(originPattern('https://crm.example.com:8443/deals/7?x=1')).toBe('https://crm.example.com/*');
    expect(originPattern('http://127.0.0.1:8787/demo/crm.html')).toBe('http://127.0.0.1/*');
    expect(originPattern('chrome://extensions')).toBeNull();
    expect(originPattern(undefined)).toBeNull();
  });
});
