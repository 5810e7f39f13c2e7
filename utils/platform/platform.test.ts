import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chromePlatform } from './chrome';
import { firefoxPlatform } from './firefox';
import { platform } from '.';

const fake = fakeBrowser as unknown as Record<string, unknown>;

beforeEach(() => {
  fakeBrowser.reset();
  delete fake.sidePanel;
  delete fake.sidebarAction;
  delete fake.browserAction;
});

describe('the platform module', () => {
  it('is the Chrome one in a Chrome build (the unit tests build for Chrome)', () => {
    expect(platform).toBe(chromePlatform);
  });

  it("opens Chrome's side panel in the window asked for", async () => {
    const open = vi.fn(async () => {});
    fake.sidePanel = { open };
    await chromePlatform.openPanel(7);
    expect(open).toHaveBeenCalledWith({ windowId: 7 });
    expect(chromePlatform.canOpenPanel()).toBe(true);
  });

  it('rejects rather than throws where Chrome has no side panel, so callers can catch it', async () => {
    expect(chromePlatform.canOpenPanel()).toBe(false);
    const opening = chromePlatform.openPanel(7);
    await expect(opening).rejects.toThrow();
  });

  it("opens Firefox's sidebar (it has no per-window call) and badges the browserAction button", async () => {
    const open = vi.fn(async () => {});
    const browserAction = { setBadgeText: vi.fn(), getBadgeText: vi.fn(), setBadgeBackgroundColor: vi.fn() };
    fake.sidebarAction = { open };
    fake.browserAction = browserAction;
    await firefoxPlatform.openPanel(7);
    expect(open).toHaveBeenCalledWith();
    expect(firefoxPlatform.toolbarButton()).toBe(browserAction);
  });
});
