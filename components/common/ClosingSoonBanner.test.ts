import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from 'vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearAll, db, META_CLOSING_SOON } from '../../utils/db';
import ClosingSoonBanner from './ClosingSoonBanner.vue';

let app: App | null = null;
let root: HTMLElement;

beforeEach(async () => {
  fakeBrowser.reset();
  await clearAll(db);
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  app?.unmount();
  root.remove();
});

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('closing-soon banner', () => {
  it("shows the hub's warning as an alert with the chat and time, and nothing once it has passed", async () => {
    app = createApp(ClosingSoonBanner);
    app.mount(root);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(root.querySelector('[role="alert"]')).toBeNull();

    await db.meta.put({
      key: META_CLOSING_SOON,
      value: [
        { chatId: 'chat-1', chatName: 'Demo shop', closesAt: inMinutes(15) },
        { chatId: 'chat-2', chatName: 'Old shop', closesAt: inMinutes(-1) },
      ],
    });
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')).not.toBeNull());
    const text = root.querySelector('[role="alert"]')!.textContent!;
    expect(text).toMatch(/^Demo shop closes at .+ — you have active conversations\.$/);
    expect(text).not.toContain('Old shop');
  });
});
