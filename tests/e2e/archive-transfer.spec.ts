import { expect, test } from './support/fixtures';
import { signIn } from './support/helpers';
import { repClient, visitorClient } from './support/hub-clients';
import { openPanel } from './support/shop';

/**
 * FEATURES C7 with the hub's rules table (hub/src/inbox/rules.ts): from the archived list a rep transfers
 * a conversation to a colleague — to a rep, not a queue — and it lands in the colleague's Archived,
 * while the sender keeps reading it. The built extension against a real hub; Ben is a hub client.
 */
test('an archived conversation is transferred to a rep from the archived list, and lands in their Archived', async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, extensionId, hub.url, 'anna@demo.parley.test');
  const ben = await repClient(hub.url, 'ben@demo.parley.test');
  const visitor = await visitorClient(hub.url);
  try {
    await visitor.say('Where is my invoice?');
    const panel = await openPanel(context, extensionId);
    await panel
      .getByRole('region', { name: 'Pending' })
      .getByRole('button', { name: /invoice/ })
      .click();
    await panel.getByRole('button', { name: 'Take' }).click();
    await panel.getByRole('button', { name: 'Mark handled' }).click();
    await panel.getByRole('button', { name: 'Back to inbox' }).click();

    await panel
      .getByRole('region', { name: 'Archived' })
      .getByRole('button', { name: /invoice/ })
      .click();
    await panel.getByRole('button', { name: 'Transfer' }).click();
    const dialog = panel.getByRole('dialog', { name: 'Transfer conversation' });
    // The rules allow a rep only: the dialog says so and lists no queue.
    await expect(dialog.getByText('A closed or archived conversation can go to a rep, not to a queue.')).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'Queues' })).toHaveCount(0);
    await dialog.getByRole('searchbox', { name: 'Search reps' }).fill('Ben');
    const handedOver = ben.next(
      (f) => f.type === 'event' && f.event.kind === 'conversation.updated' && f.event.conversation.ownerId === 'r_ben',
    );
    await dialog.getByRole('button', { name: /^Ben Novak/ }).click();

    expect((await handedOver).event.conversation).toMatchObject({
      status: 'archived',
      folder: 'archived',
      access: 'owner',
    });
    await expect(panel.getByText('Read only: you transferred this conversation')).toBeVisible();
    await expect(panel.getByRole('alert')).toHaveCount(0);
  } finally {
    visitor.close();
    ben.close();
  }
});
