import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import type { AdminChatsResponse, PeopleResponse, Person } from '#protocol';
import { useScriptedHub } from '../../tests/components/scripted-hub';
import PeopleScreen from './PeopleScreen.vue';
import WebsitesScreen from './WebsitesScreen.vue';

/**
 * The console's People and Websites and queues screens against a scripted hub (the real one is
 * exercised by tests/hub/people-rest.test.ts, websites-rest.test.ts and tests/e2e/going-live.spec.ts):
 * what each action sends, what is checked before anything is sent, and how a refusal reads.
 */
const hub = useScriptedHub();

const rita: Person = {
  id: 'r_rita',
  email: 'rita@team.example',
  name: 'Rita Rep',
  role: 'rep',
  extension: '101',
  state: 'active',
  status: 'offline',
  demo: false,
  lastSignInAt: null,
  queueIds: ['q_sales'],
};
const people: PeopleResponse = {
  people: [rita],
  defaults: { availability: 'online', sounds: true, notifications: true, queueIds: ['q_sales'] },
  queues: [{ id: 'q_sales', name: 'Sales', chatName: 'Garden shop' }],
};
const link = {
  url: 'http://hub.test:8787/account/set-password#tok123',
  expiresAt: '2030-01-01T00:00:00.000Z',
  emailed: false,
};

describe('People screen (FEATURES H1)', () => {
  beforeEach(() => {
    hub.replies = (method, path) => {
      if (method === 'GET') return { status: 200, body: people };
      if (path.endsWith('/reset-password')) return { status: 200, body: { link } };
      if (method === 'PATCH') return { status: 200, body: rita };
      if (method === 'POST' && path === '/api/admin/people')
        return { status: 201, body: { person: { ...rita, id: 'r_new', name: 'Nina New', state: 'invited' }, link } };
      return { status: 204 };
    };
  });

  it('changes a role, disables, resets (showing the new link), signs out everywhere, and deletes only on the second click', async () => {
    const screen = render(PeopleScreen);
    const row = screen.getByRole('listitem', { name: 'Rita Rep' });
    await row.getByLabelText('Role of Rita Rep').selectOptions('observer');
    await row.getByRole('button', { name: 'Disable Rita Rep' }).click();
    await row.getByRole('button', { name: 'Sign Rita Rep out everywhere' }).click();
    await row.getByRole('button', { name: 'Reset password of Rita Rep' }).click();
    await expect.element(row.getByRole('textbox', { name: 'Set-password link for Rita Rep' })).toHaveValue(link.url);
    await row.getByRole('button', { name: 'Delete Rita Rep' }).click();
    expect(hub.sent('DELETE')).toEqual([]);
    await row.getByRole('button', { name: /Yes, delete Rita Rep/ }).click();
    await vi.waitFor(() => expect(hub.sent('DELETE')).toHaveLength(1));
    expect(hub.calls.filter((c) => c.method !== 'GET')).toEqual([
      { method: 'PATCH', path: '/api/admin/people/r_rita', body: { role: 'observer' } },
      { method: 'PATCH', path: '/api/admin/people/r_rita', body: { disabled: true } },
      { method: 'POST', path: '/api/admin/people/r_rita/sign-out', body: undefined },
      { method: 'POST', path: '/api/admin/people/r_rita/reset-password', body: undefined },
      { method: 'DELETE', path: '/api/admin/people/r_rita', body: undefined },
    ]);
  });

  it('checks an invitation before sending it, then sends it with the default queues and shows the link', async () => {
    const screen = render(PeopleScreen);
    const form = screen.getByRole('form', { name: 'Invite someone' });
    await form.getByLabelText('Email').fill('not an address');
    await form.getByLabelText('Name').fill('Nina New');
    await form.getByRole('button', { name: 'Invite' }).click();
    await expect.element(form.getByText('not an email address')).toBeVisible();
    await expect.element(form.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(hub.sent('POST')).toEqual([]);

    await form.getByLabelText('Email').fill('Nina@Team.example');
    await form.getByRole('button', { name: 'Invite' }).click();
    await expect.element(screen.getByRole('textbox', { name: 'Set-password link for Nina New' })).toHaveValue(link.url);
    expect(hub.sent('POST')[0].body).toEqual({
      email: 'nina@team.example',
      name: 'Nina New',
      role: 'rep',
      extension: null,
      queueIds: ['q_sales'],
    });
  });

  it("saves a name and extension, refusing a bad extension before sending; shows the hub's refusal in its words", async () => {
    const screen = render(PeopleScreen);
    const details = screen.getByRole('form', { name: 'Details of Rita Rep' });
    await screen.getByText('Name and extension').click();
    await details.getByLabelText('Extension number (optional)').fill('1 0 1');
    await details.getByRole('button', { name: 'Save details of Rita Rep' }).click();
    await expect.element(details.getByText('extension: letters, digits and dashes only')).toBeVisible();
    expect(hub.sent('PATCH')).toEqual([]);

    hub.replies = (method) =>
      method === 'GET'
        ? { status: 200, body: people }
        : { status: 409, body: { error: { code: 'conflict', message: 'the last super user may not be demoted' } } };
    await details.getByLabelText('Extension number (optional)').fill('EU-12');
    await details.getByRole('button', { name: 'Save details of Rita Rep' }).click();
    await expect.element(details.getByRole('alert')).toHaveTextContent('the last super user may not be demoted');
    expect(hub.sent('PATCH')[0].body).toEqual({ name: 'Rita Rep', extension: 'EU-12' });
  });
});

describe('Websites and queues screen (FEATURES H2)', () => {
  const queue = (id: string, name: string, waiting: number) => ({
    id,
    name,
    waiting,
    strategy: 'round_robin' as const,
    ringSize: 1,
    offerTimeoutSeconds: 30,
    defaultCapacity: 3,
    members: [],
  });
  const chat = (id: string, name: string, queues: ReturnType<typeof queue>[]) => ({
    id,
    name,
    key: `key-${id}`,
    hours: null,
    fileMaxBytes: 1_000_000,
    sneakPeek: true,
    allowedOrigins: [],
    identityVerification: false,
    queues,
    counts: { waiting: queues.reduce((n, q) => n + q.waiting, 0), active: 0, closed: 0 },
  });
  const chats: AdminChatsResponse = {
    chats: [
      chat('ch_garden', 'Garden shop', [queue('q_sales', 'Sales', 2), queue('q_help', 'Help', 0)]),
      chat('ch_books', 'Book shop', [queue('q_books', 'Books', 0)]),
    ],
    reps: [],
  };
  beforeEach(() => {
    hub.replies = (method) =>
      method === 'GET'
        ? { status: 200, body: chats }
        : method === 'POST'
          ? { status: 201, body: { id: 'x', key: 'k' } }
          : { status: 204 };
  });

  it('shows each website’s snippet and its waiting conversations in the language’s plural', async () => {
    const screen = render(WebsitesScreen);
    const garden = screen.getByRole('region', { name: 'Garden shop' });
    await expect
      .element(garden.getByRole('textbox', { name: 'Snippet for Garden shop' }))
      .toHaveValue('<script src="http://hub.test:8787/widget.js" data-chat="key-ch_garden" async></script>');
    await expect
      .element(garden.getByRole('list', { name: 'Queues of Garden shop' }))
      .toHaveTextContent(/Sales\s*2 waiting/);
  });

  it('a queue with waiting conversations is deleted with where they go; a website only on the second click, with its target', async () => {
    const screen = render(WebsitesScreen);
    const garden = screen.getByRole('region', { name: 'Garden shop' });
    const queues = garden.getByRole('list', { name: 'Queues of Garden shop' });
    await queues.getByLabelText('Waiting conversations move to').selectOptions('q_help');
    await queues.getByRole('button', { name: 'Delete queue Sales' }).click();
    await vi.waitFor(() => expect(hub.sent('DELETE')).toHaveLength(1));
    await garden.getByRole('combobox', { name: 'Waiting conversations move to' }).last().selectOptions('q_books');
    await garden.getByRole('button', { name: 'Delete website Garden shop' }).click();
    expect(hub.sent('DELETE')).toHaveLength(1);
    await garden.getByRole('button', { name: /Yes, delete Garden shop/ }).click();
    await vi.waitFor(() => expect(hub.sent('DELETE')).toHaveLength(2));
    expect(hub.sent('DELETE')).toEqual([
      { method: 'DELETE', path: '/api/admin/queues/q_sales', body: { moveToQueueId: 'q_help' } },
      { method: 'DELETE', path: '/api/admin/chats/ch_garden', body: { moveToQueueId: 'q_books' } },
    ]);
  });

  it('adds a website and a queue by name, refusing an empty name before sending', async () => {
    const screen = render(WebsitesScreen);
    await screen.getByRole('button', { name: 'Add website' }).click();
    await expect.element(screen.getByText('name is empty')).toBeVisible();
    expect(hub.sent('POST')).toEqual([]);
    await screen.getByLabelText('Website name').fill('Tea shop');
    await screen.getByRole('button', { name: 'Add website' }).click();
    const books = screen.getByRole('region', { name: 'Book shop' });
    await books.getByLabelText('Queue name').fill('Rare books');
    await books.getByRole('button', { name: 'Add queue' }).click();
    await vi.waitFor(() => expect(hub.sent('POST')).toHaveLength(2));
    expect(hub.sent('POST')).toEqual([
      { method: 'POST', path: '/api/admin/chats', body: { name: 'Tea shop' } },
      { method: 'POST', path: '/api/admin/queues', body: { chatId: 'ch_books', name: 'Rare books' } },
    ]);
  });
});
