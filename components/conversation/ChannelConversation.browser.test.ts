import { userEvent } from '@vitest/browser/context';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import { conversation, REP } from '#entrypoints/background/hub-data.testing';
import type { ChannelSender, ChannelTemplate, Message } from '#protocol';
import { useInboxStore } from '#stores/inbox';
import { db } from '#utils/db';
import { sendMessage } from '#utils/messaging';
import { repItem } from '#utils/settings';
import ConversationView from './ConversationView.vue';

/**
 * A messaging-channel conversation in the side panel (FEATURES G2, C9): its channel named in the header
 * and the card, an unknown sender's Add contact / Reply / Ignore going to the worker as their commands,
 * a reply's delivery as words with the provider's error, and WhatsApp's closed window offering templates.
 */
const TEMPLATES: ChannelTemplate[] = [
  { name: 'order_update', language: 'en', body: 'Hello {{1}}, your order {{2}} has shipped.' },
  { name: 'follow_up', language: 'it', body: 'Possiamo aiutarla ancora?' },
];
vi.mock('../../utils/messaging', () => ({
  sendMessage: vi.fn(async (name: string) =>
    name === 'crm' || name === 'history'
      ? { ok: false, code: 'offline', message: 'offline' }
      : name === 'channelTemplates'
        ? { ok: true, templates: TEMPLATES }
        : { ok: true },
  ),
}));
const sent = vi.mocked(sendMessage);
const calls = (name: string) => sent.mock.calls.filter(([n]) => n === name).map(([, data]) => data);

const HOUR = 3_600_000;
const sender = (extra: Partial<ChannelSender> = {}): ChannelSender => ({
  address: '+393471234567',
  name: 'Giulia Verdi',
  unknown: true,
  ignored: false,
  replyWindowClosesAt: new Date(Date.now() + 20 * HOUR).toISOString(),
  ...extra,
});
const reply = (id: string, delivery: Message['delivery']): Message => ({
  id,
  conversationId: 'c1',
  clientId: null,
  author: 'rep',
  authorName: REP.name,
  repId: REP.id,
  text: `reply ${id}`,
  pageUrl: null,
  createdAt: new Date(Date.UTC(2026, 10, 23, 9, Number(id.slice(1)))).toISOString(),
  delivery,
});

async function store(extra: Partial<ChannelSender> = {}) {
  await db.conversations.put(
    conversation('c1', 'active', REP.id, { channel: 'whatsapp', visitorName: 'Giulia Verdi', sender: sender(extra) }),
  );
}

beforeEach(async () => {
  sent.mockClear();
  await repItem.setValue({ ...REP });
});

function mount() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const inbox = useInboxStore();
  inbox.open('c1');
  return { screen: render(ConversationView, { global: { plugins: [pinia] } }), inbox };
}

describe('an unknown sender on WhatsApp (FEATURES C9)', () => {
  it('names the channel in the header and on the card, and offers Add contact, Reply and Ignore', async () => {
    await store();
    const { screen } = mount();
    await expect.element(screen.getByRole('heading', { level: 2 })).toHaveAccessibleName(/WhatsApp Giulia Verdi/);
    const card = screen.getByRole('complementary', { name: 'Contact card' });
    await expect.element(card.getByRole('img', { name: 'WhatsApp' })).toBeVisible();
    const bar = screen.getByRole('group', { name: 'Unknown sender' });
    await expect.element(bar).toHaveTextContent('Giulia Verdi is not in your contacts.');
    await expect.element(bar.getByRole('button', { name: 'Add contact' })).toBeVisible();
    await expect.element(bar.getByRole('button', { name: 'Reply' })).toBeVisible();
    await expect.element(bar.getByRole('button', { name: 'Ignore' })).toBeVisible();
  });

  it('Add contact sends addContact for the conversation; once the hub knows them the bar gives way to "Contact added."', async () => {
    await store();
    const { screen } = mount();
    await screen.getByRole('button', { name: 'Add contact' }).click();
    await expect.poll(() => calls('addContact')).toEqual([{ conversationId: 'c1' }]);
    await db.conversations.update('c1', { sender: sender({ unknown: false }) });
    await expect.element(screen.getByRole('status').filter({ hasText: 'Contact added.' })).toBeVisible();
    await expect.element(screen.getByRole('group', { name: 'Unknown sender' })).not.toBeInTheDocument();
  });

  it('Reply puts the caret in the reply box', async () => {
    await store();
    const { screen } = mount();
    await screen.getByRole('button', { name: 'Reply', exact: true }).click();
    await expect.element(screen.getByRole('textbox', { name: 'Reply' })).toHaveFocus();
  });

  it('Ignore sends ignoreSender and goes back to the inbox', async () => {
    await store();
    const { screen, inbox } = mount();
    await screen.getByRole('button', { name: 'Ignore' }).click();
    await expect.poll(() => calls('ignoreSender')).toEqual([{ conversationId: 'c1' }]);
    await expect.poll(() => inbox.selectedId).toBeNull();
  });

  it('a known sender gets no bar', async () => {
    await store({ unknown: false });
    const { screen } = mount();
    await expect.element(screen.getByRole('textbox', { name: 'Reply' })).toBeVisible();
    expect(screen.getByRole('group', { name: 'Unknown sender' }).query()).toBeNull();
  });
});

describe("a channel reply's delivery (FEATURES G2)", () => {
  it('reads as words, and a failure keeps the provider code and text', async () => {
    await store({ unknown: false });
    await db.messages.bulkPut([
      reply('m1', { status: 'queued', errorCode: null, errorText: null }),
      reply('m2', { status: 'delivered', errorCode: null, errorText: null }),
      reply('m3', { status: 'read', errorCode: null, errorText: null }),
      reply('m4', { status: 'failed', errorCode: '131026', errorText: 'Message undeliverable' }),
      reply('m5', { status: 'not_sent', errorCode: '131047', errorText: 'Re-engagement message' }),
    ]);
    const { screen } = mount();
    const line = (id: string) => screen.getByText(`reply ${id}`).element().closest('.message')!;
    await expect.poll(() => line('m1').textContent).toContain('queued');
    expect(line('m2').textContent).toContain('delivered');
    expect(line('m3').textContent).toContain('read');
    expect(line('m4').textContent).toContain('failed: 131026 Message undeliverable');
    expect(line('m5').textContent).toContain('not sent: 131047 Re-engagement message');
  });
});

describe("WhatsApp's 24-hour window (FEATURES G2)", () => {
  it('closed, the reply box gives way to why and the approved templates, sent with their parameters', async () => {
    await store({ unknown: false, replyWindowClosesAt: new Date(Date.now() - HOUR).toISOString() });
    const { screen } = mount();
    await expect.element(screen.getByText(/WhatsApp only allows free text within 24 hours/)).toBeVisible();
    expect(screen.getByRole('textbox', { name: 'Reply' }).query()).toBeNull();
    const send = screen.getByRole('button', { name: 'Send template' });
    await screen.getByRole('combobox', { name: 'Approved template' }).selectOptions('order_update (en)');
    await expect.element(send).toBeDisabled();
    await screen.getByRole('textbox', { name: 'Parameter 1' }).fill('Giulia');
    await screen.getByRole('textbox', { name: 'Parameter 2' }).fill('A-1042');
    await expect.element(screen.getByText('Hello Giulia, your order A-1042 has shipped.')).toBeVisible();
    await send.click();
    await expect
      .poll(() => calls('sendTemplate'))
      .toEqual([
        { conversationId: 'c1', template: { name: 'order_update', language: 'en' }, params: ['Giulia', 'A-1042'] },
      ]);
  });

  it('open, free text goes as always; it closes while the rep looks at it', async () => {
    await store({ unknown: false, replyWindowClosesAt: new Date(Date.now() + 1500).toISOString() });
    const { screen } = mount();
    await expect.element(screen.getByRole('textbox', { name: 'Reply' })).toBeVisible();
    await userEvent.click(screen.getByRole('textbox', { name: 'Reply' }));
    await expect.element(screen.getByRole('button', { name: 'Send template' }), { timeout: 4000 }).toBeVisible();
    expect(screen.getByRole('textbox', { name: 'Reply' }).query()).toBeNull();
  });
});
