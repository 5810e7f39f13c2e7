import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-vue';
import { conversation, REP } from '#entrypoints/background/hub-data.testing';
import { db } from '#utils/db';
import InboxView from './InboxView.vue';

/** The inbox names each conversation's channel and filters by it (FEATURES G2). */
async function fill() {
  await db.conversations.bulkPut([
    conversation('w1', 'active', REP.id, { visitorName: 'Web Wanda' }),
    conversation('a1', 'active', REP.id, { visitorName: 'App Aldo', channel: 'whatsapp' }),
    conversation('s1', 'pending', null, { visitorName: 'Sms Sven', channel: 'sms' }),
    conversation('m1', 'active', REP.id, { visitorName: 'Page Paula', channel: 'messenger' }),
  ]);
}

function mount() {
  const pinia = createPinia();
  setActivePinia(pinia);
  return render(InboxView, { global: { plugins: [pinia] } });
}

describe('channels in the inbox (FEATURES G2)', () => {
  it("each row's name starts with its channel", async () => {
    await fill();
    const screen = mount();
    await expect.element(screen.getByRole('button', { name: /^Website chat Web Wanda/ })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: /^WhatsApp App Aldo/ })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: /^SMS Sms Sven/ })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: /^Messenger Page Paula/ })).toBeVisible();
  });

  it('the channel filter narrows every folder to one channel, and back to all', async () => {
    await fill();
    const screen = mount();
    const filter = screen.getByRole('combobox', { name: 'Filter by channel' });
    await expect.element(screen.getByRole('button', { name: /Web Wanda/ })).toBeVisible();
    await filter.selectOptions('SMS');
    await expect.element(screen.getByRole('button', { name: /Sms Sven/ })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: /Web Wanda/ })).not.toBeInTheDocument();
    await expect.element(screen.getByRole('button', { name: /App Aldo/ })).not.toBeInTheDocument();
    await filter.selectOptions('WhatsApp');
    await expect.element(screen.getByRole('button', { name: /App Aldo/ })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: /Sms Sven/ })).not.toBeInTheDocument();
    await filter.selectOptions('All channels');
    await expect.element(screen.getByRole('button', { name: /Web Wanda/ })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: /Page Paula/ })).toBeVisible();
  });
});
