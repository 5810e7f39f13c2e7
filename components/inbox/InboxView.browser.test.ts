import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-vue';
import { h } from 'vue';
import { conversation, REP } from '#entrypoints/background/hub-data.testing';
import { db } from '#utils/db';
import InboxView from './InboxView.vue';

/** 1,000 waiting chats (oldest first) and two of the rep's own, active. */
async function fill() {
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  await db.conversations.bulkPut([
    ...Array.from({ length: 1000 }, (_, i) =>
      conversation(`p${i}`, 'pending', null, { visitorName: `Waiting ${i}`, createdAt: at(i), lastMessageAt: at(i) }),
    ),
    conversation('a1', 'active', REP.id, { visitorName: 'Mine, older', lastMessageAt: at(1) }),
    conversation('a2', 'active', REP.id, { visitorName: 'Mine, newer', lastMessageAt: at(2) }),
  ]);
}

/** The inbox in a side panel's column, 420 × 700. */
function mount() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const screen = render(
    {
      render: () =>
        h('div', { style: 'height: 700px; width: 420px; display: flex; flex-direction: column' }, [h(InboxView)]),
    },
    { global: { plugins: [pinia] } },
  );
  const folder = (name: string) => screen.getByRole('region', { name });
  return { screen, folder, scroller: () => document.querySelector<HTMLElement>('.inbox')! };
}

describe('inbox (FEATURES C1, D1)', () => {
  it('counts every conversation of a folder but draws only the rows in view', async () => {
    await fill();
    const { folder } = mount();
    const pending = folder('Pending');
    await expect.element(pending.getByRole('button', { name: /^Pending/ })).toHaveTextContent('1000');
    const rows = pending.getByRole('listitem');
    await expect.element(rows.first()).toHaveAttribute('aria-setsize', '1000');
    await expect.element(rows.first()).toHaveTextContent('Waiting 0');
    expect(rows.elements().length).toBeLessThan(40);
  });

  it('scrolls through all of them to the folders below, which keep their own order', async () => {
    await fill();
    const { folder, scroller } = mount();
    await expect.element(folder('Pending').getByRole('button', { name: /Waiting 0/ })).toBeVisible();
    // The rest of the folder is read just after the first paint, growing the list: scroll to its end as a rep would.
    const last = folder('Pending').getByRole('button', { name: /Waiting 999/ });
    await expect
      .poll(() => {
        scroller().scrollTop = scroller().scrollHeight;
        return last.query() !== null;
      })
      .toBe(true);
    await expect.element(last).toBeVisible();
    await expect.element(folder('Pending').getByRole('button', { name: /Waiting 0\b/ })).not.toBeInTheDocument();
    const active = folder('Active').getByRole('listitem');
    await expect.element(active.nth(0)).toHaveTextContent('Mine, newer');
    await expect.element(active.nth(1)).toHaveTextContent('Mine, older');
    await expect.element(active.nth(1)).toBeVisible();
  });

  it('a folder folded away takes its rows out, and the folders below move up', async () => {
    await fill();
    const { screen, folder } = mount();
    const toggle = folder('Pending').getByRole('button', { name: /^Pending/ });
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'true');
    await toggle.click();
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect.element(folder('Active').getByRole('button', { name: /Mine, newer/ })).toBeVisible();
    expect(screen.getByText('Waiting 0').elements()).toHaveLength(0);
  });
});
