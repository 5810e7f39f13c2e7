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
let host: HTMLElement;

/**
 * A real click on a control inside the closed root: the test runner's selectors cannot reach into it
 * (as the page's scripts cannot), so it clicks the host at the control's place, and the browser's hit
 * testing delivers the trusted click to the control, as it does for the rep's pointer.
 */
function clickInside(control: HTMLElement) {
  const at = host.getBoundingClientRect();
  const box = control.getBoundingClientRect();
  return userEvent.click(host, {
    position: { x: box.x + box.width / 2 - at.x, y: box.y + box.height / 2 - at.y },
  });
}

beforeEach(() => {
  document.body.innerHTML = '';
  host = document.createElement('parley-companion');
  document.body.append(host);
  calls = deps();
  icon = createIcon(host, calls);
  icon.render({ signedIn: true, status: 'online', pending: 1, warning: null });
});

describe('page icon events in a real browser (issue 14)', () => {
  it("opens the side panel and sets the availability on the rep's own clicks", async () => {
    await clickInside(icon.button);
    expect(calls.onOpen).toHaveBeenCalledTimes(1);
    await clickInside(icon.status.toggle);
    expect(icon.status.menu.hidden).toBe(false);
    await clickInside(icon.status.menu.querySelector<HTMLElement>('[data-status="away"]')!);
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
