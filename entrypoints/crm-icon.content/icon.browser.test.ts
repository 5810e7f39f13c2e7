import { userEvent } from '@vitest/browser/context';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createIcon } from './icon';

/**
 * The page icon in Chromium, where events carry their real isTrusted flag (issue 14): the rep's click
 * (userEvent goes through the browser's input, as a person's does) opens the side panel and sets the
 * availability; the same clicks made by a page script (`click()`, `dispatchEvent`) do nothing.
 */

const deps = () => ({
  message: (key: string) => key,
  onOpen: vi.fn(),
  onMoved: vi.fn(),
  onStatus: vi.fn(async () => null),
  viewport: () => ({ width: window.innerWidth, height: window.innerHeight }),
});
let calls: ReturnType<typeof deps>;
let icon: ReturnType<typeof createIcon>;

beforeEach(() => {
  document.body.innerHTML = '';
  const host = document.createElement('parley-companion');
  document.body.append(host);
  calls = deps();
  icon = createIcon(host, calls);
  icon.render({ signedIn: true, status: 'online', pending: 1, warning: null });
});

describe('page icon events in a real browser (issue 14)', () => {
  it("opens the side panel and sets the availability on the rep's own clicks", async () => {
    await userEvent.click(icon.button);
    expect(calls.onOpen).toHaveBeenCalledTimes(1);
    await userEvent.click(icon.status.toggle);
    expect(icon.status.menu.hidden).toBe(false);
    await userEvent.click(icon.status.menu.querySelector<HTMLElement>('[data-status="away"]')!);
    expect(calls.onStatus).toHaveBeenCalledWith('away');
  });

  it("does nothing for a page script's click(), dispatched clicks or keys", () => {
    icon.button.click();
    icon.button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    icon.button.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    icon.status.toggle.click();
    icon.status.menu.querySelector<HTMLElement>('[data-status="away"]')!.click();
    expect(icon.status.menu.hidden).toBe(true);
    expect(calls.onOpen).not.toHaveBeenCalled();
    expect(calls.onMoved).not.toHaveBeenCalled();
    expect(calls.onStatus).not.toHaveBeenCalled();
  });
});
