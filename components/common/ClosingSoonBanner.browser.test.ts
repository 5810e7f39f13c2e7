import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-vue';
import { db, META_CLOSING_SOON } from '#utils/db';
import ClosingSoonBanner from './ClosingSoonBanner.vue';

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const warn = (value: { chatId: string; chatName: string; closesAt: string }[]) =>
  db.meta.put({ key: META_CLOSING_SOON, value });
const OLD = { chatId: 'chat-2', chatName: 'Old shop', closesAt: inMinutes(-1) };

describe('closing-soon banner', () => {
  it("shows the hub's warning as an alert with the chat and time, and nothing once it has passed", async () => {
    const screen = render(ClosingSoonBanner);
    const alert = screen.getByRole('alert');
    await warn([{ chatId: 'chat-1', chatName: 'Help desk', closesAt: inMinutes(10) }]);
    await expect.element(alert).toHaveTextContent('Help desk');
    // No warnings left: no banner.
    await warn([]);
    await expect.element(alert).not.toBeInTheDocument();

    await warn([{ chatId: 'chat-1', chatName: 'Demo shop', closesAt: inMinutes(15) }, OLD]);
    await expect.element(alert).toHaveTextContent(/^Demo shop closes at .+ — you have active conversations\.$/);
    await expect.element(alert).not.toHaveTextContent('Old shop');
    // Only warnings whose time has passed: no banner either.
    await warn([OLD]);
    await expect.element(alert).not.toBeInTheDocument();
  });
});
