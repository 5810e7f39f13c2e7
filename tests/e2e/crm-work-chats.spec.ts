import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { openRepBrowser } from './support/browsers';
import { closedShadow } from './support/closed-shadow';
import { expect, test } from './support/fixtures';
import { badgeText, signIn } from './support/helpers';
import { editHubData, HELP_DESK_SQL, serveHelpDeskSite } from './support/hub-data';
import { openGrantableBrowser } from './support/site-access';

/** The extension APIs, as seen inside the service worker the callbacks below are evaluated in. */
declare const chrome: any;

/**
 * Issue 4, the rep's choices inside the CRM: the chats they work in (FEATURES A2) decide what blinks and
 * counts for them and which chats colleagues see them working in, availability is set from the page icon (FEATURES A3) and reaches the hub, and a click
 * on the icon opens the side panel on the newest pending conversation (FEATURES B3).
 */

/** A visitor writes through the real widget on a page of the given chat. */
async function visitorWrites(context: BrowserContext, siteUrl: string, text: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(siteUrl);
  await page.getByRole('button', { name: 'Chat with us' }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  return page;
}

/** The conversations in this extension's local copy, as the hub shaped them for its rep. */
function localConversations(
  worker: Worker,
): Promise<{ id: string; chatId: string; folder: string; lastMessagePreview: string; createdAt: string }[]> {
  return worker.evaluate(
    () =>
      new Promise((ok, fail) => {
        const open = indexedDB.open('parley');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('conversations').objectStore('conversations').getAll();
          req.onsuccess = () => ok(req.result);
          req.onerror = () => fail(req.error);
        };
      }),
  );
}

/** A rep's availability as the hub has it, from the super-user REST API. */
async function hubStatusOf(hubUrl: string, name: string): Promise<string | undefined> {
  const login = await fetch(`${hubUrl}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: 'alex@demo.parley.test', password: 'parley-demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${hubUrl}/api/admin/chats`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { reps: { name: string; status: string }[] };
  return body.reps.find((r) => r.name === name)?.status;
}

test('only the chats the rep works in blink and count, and colleagues see who works where; availability from the page icon; the icon opens the newest chat', async ({
  hub,
}) => {
  test.setTimeout(180_000);
  await editHubData(hub, HELP_DESK_SQL);
  const helpDesk = await serveHelpDeskSite(hub.url);
  const anna = await openGrantableBrowser();
  const ben = await openRepBrowser();
  try {
    const popup = await anna.context.newPage();
    await signIn(popup, anna.extensionId, hub.url, 'anna@demo.parley.test');
    const benPopup = await ben.context.newPage();
    await signIn(benPopup, ben.extensionId, hub.url, 'ben@demo.parley.test');

    // FEATURES A2: each popup shows who else works in each chat, live from the hub.
    const annaSees = popup.getByRole('region', { name: 'Who is working' });
    const benSees = benPopup.getByRole('region', { name: 'Who is working' });
    await expect(annaSees.getByRole('list', { name: 'Demo shop' }).getByRole('listitem')).toHaveText([
      'Ben Novak — Online',
    ]);
    await expect(annaSees.getByRole('list', { name: 'Help desk' }).getByRole('listitem')).toHaveText([
      'Ben Novak — Online',
    ]);
    await expect(benSees.getByRole('list', { name: 'Demo shop' }).getByRole('listitem')).toHaveText([
      'Anna Rossi — Online',
    ]);
    const axe = await new AxeBuilder({ page: popup }).include('.chat-colleagues').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // FEATURES A2 in the popup: both websites listed, all in force; Anna keeps only the help desk.
    const chats = popup.getByRole('group', { name: 'Chats I work in' });
    await expect(chats.getByRole('radio', { name: 'All my chats' })).toBeChecked();
    await expect(chats.getByRole('status')).toHaveText('Working in: Demo shop, Help desk');
    await chats.getByRole('radio', { name: 'Only the chats I pick' }).check();
    await chats.getByRole('checkbox', { name: 'Demo shop' }).uncheck();
    await expect(chats.getByRole('status')).toHaveText('Working in: Help desk');
    await expect(chats.getByRole('checkbox', { name: 'Help desk' })).toBeDisabled();
    await expect(popup.getByRole('alert')).toHaveCount(0);
    // Ben sees Anna leave the shop and stay at the help desk.
    await expect(benSees.getByRole('list', { name: 'Demo shop' })).toHaveCount(0);
    await expect(benSees.getByRole('heading', { name: 'Demo shop' }).locator('xpath=following-sibling::p')).toHaveText(
      'No colleague is working here',
    );
    await expect(benSees.getByRole('list', { name: 'Help desk' }).getByRole('listitem')).toHaveText([
      'Anna Rossi — Online',
    ]);
    // The hub kept it: a fresh popup shows the same.
    await popup.reload();
    await expect(popup.getByRole('group', { name: 'Chats I work in' }).getByRole('status')).toHaveText(
      'Working in: Help desk',
    );

    await anna.grant();
    await expect
      .poll(() =>
        anna.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts().then((s: unknown[]) => s.length)),
      )
      .toBe(1);
    const crm = await anna.context.newPage();
    const pageIcon = closedShadow(crm, 'parley-companion');
    await crm.goto(`${hub.url}/demo/crm.html`);
    const icon = pageIcon.getByRole('button', { name: /^Parley chats/ });
    await expect.poll(() => icon.name()).toBe('Parley chats: 0 pending, Online');

    // A shop visitor writes: Ben is offered it; Anna hears of it but it is in none of her folders.
    const shopVisitor = await visitorWrites(
      ben.context,
      `${hub.url}/demo/shop.html`,
      'Do you ship oak lamps to Prague?',
    );
    const benPanel = await ben.context.newPage();
    await benPanel.goto(`chrome-extension://${ben.extensionId}/sidepanel.html`);
    await expect(
      benPanel.getByRole('region', { name: 'Pending' }).getByRole('button', { name: /oak lamps/ }),
    ).toBeVisible();
    await expect
      .poll(async () => (await localConversations(anna.worker)).map((c) => [c.chatId, c.folder]))
      .toEqual([['ch_demo', 'none']]);
    await expect.poll(() => icon.name()).toBe('Parley chats: 0 pending, Online');
    await expect.poll(() => icon.attribute('data-blinking')).toBe('false');
    expect(await badgeText(anna.context, anna.extensionId)).toBe('');
    await shopVisitor.close();

    // Two help desk visitors write: those blink and count for Anna.
    const first = await visitorWrites(anna.context, helpDesk.url, 'My parcel never arrived');
    await expect.poll(() => icon.name()).toBe('Parley chats: 1 pending, Online');
    await expect.poll(() => icon.attribute('data-blinking')).toBe('true');
    await expect.poll(() => badgeText(anna.context, anna.extensionId)).toBe('1');
    const second = await visitorWrites(ben.context, helpDesk.url, 'Can I change my delivery address?');
    await expect.poll(() => icon.name()).toBe('Parley chats: 2 pending, Online');
    const pending = (await localConversations(anna.worker))
      .filter((c) => c.folder === 'pending')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(pending.map((c) => c.lastMessagePreview)).toEqual([
      'My parcel never arrived',
      'Can I change my delivery address?',
    ]);
    const newest = pending[1]!.id;
    await first.close();
    await second.close();

    // FEATURES A3 from the page icon, by pointer: Away; the hub has it, and the icon shows it.
    const status = pageIcon.getByRole('button', { name: 'Availability: Online' });
    await status.click();
    const menu = pageIcon.getByRole('menu', { name: 'Set availability' });
    await expect.poll(() => menu.count()).toBe(1);
    await expect.poll(() => pageIcon.getByRole('menuitemradio', { name: 'Online' }).checked()).toBe(true);
    await pageIcon.getByRole('menuitemradio', { name: 'Away' }).click();
    await expect.poll(() => icon.name()).toBe('Parley chats: 0 pending, Away');
    await expect.poll(() => hubStatusOf(hub.url, 'Anna Rossi')).toBe('away');
    await expect(benSees.getByRole('list', { name: 'Help desk' }).getByRole('listitem')).toHaveText([
      'Anna Rossi — Away',
    ]);
    // ...and by keyboard: Invisible, then back to Online.
    const statusButton = pageIcon.getByRole('button', { name: /^Availability:/ });
    await statusButton.focus();
    await crm.keyboard.press('Enter');
    await expect.poll(() => pageIcon.getByRole('menuitemradio', { name: 'Away' }).focused()).toBe(true);
    await crm.keyboard.press('ArrowDown');
    await crm.keyboard.press('Enter');
    await expect.poll(() => statusButton.name()).toBe('Availability: Invisible');
    await expect.poll(() => hubStatusOf(hub.url, 'Anna Rossi')).toBe('invisible');
    // Invisible: no colleague sees her anywhere (FEATURES A3).
    await expect(benSees.getByRole('list', { name: 'Help desk' })).toHaveCount(0);
    await expect(benSees).not.toContainText('Anna Rossi');
    // Offline, the last item (FEATURES A3): chosen, not a lost connection; the hub has it.
    await expect.poll(() => statusButton.focused()).toBe(true);
    await crm.keyboard.press('ArrowUp');
    await crm.keyboard.press('End');
    await expect.poll(() => pageIcon.getByRole('menuitemradio', { name: 'Offline' }).focused()).toBe(true);
    await crm.keyboard.press('Enter');
    await expect.poll(() => statusButton.name()).toBe('Availability: Offline');
    await expect.poll(() => hubStatusOf(hub.url, 'Anna Rossi')).toBe('offline');
    await expect(benSees).not.toContainText('Anna Rossi');
    await expect.poll(() => statusButton.focused()).toBe(true);
    await crm.keyboard.press('ArrowUp');
    await crm.keyboard.press('Home');
    await crm.keyboard.press('Enter');
    await expect.poll(() => icon.name()).toBe('Parley chats: 2 pending, Online');
    await expect.poll(() => hubStatusOf(hub.url, 'Anna Rossi')).toBe('online');
    await expect(benSees.getByRole('list', { name: 'Help desk' }).getByRole('listitem')).toHaveText([
      'Anna Rossi — Online',
    ]);

    // FEATURES B3: a click on the icon (a real user gesture) opens the side panel on the newest pending
    // chat. Playwright cannot reach the side panel page; it reports the conversation it shows to
    // the worker and the hub, and Ben, offered the same chat, is told Anna is looking at it.
    await icon.click();
    await expect
      .poll(() =>
        anna.worker.evaluate(() =>
          chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] }).then((c: unknown[]) => c.length),
        ),
      )
      .toBe(1);
    await expect
      .poll(() =>
        anna.worker.evaluate(() => chrome.storage.session.get('viewing').then((s: { viewing?: string }) => s.viewing)),
      )
      .toBe(newest);
    await expect
      .poll(() =>
        anna.worker.evaluate(() =>
          chrome.storage.session.get('openRequest').then((s: { openRequest?: unknown }) => s.openRequest ?? null),
        ),
      )
      .toBeNull();
    await expect
      .poll(() =>
        ben.context
          .serviceWorkers()[0]!
          .evaluate(
            (id) =>
              chrome.storage.session
                .get('viewers')
                .then((s: { viewers?: Record<string, { name: string }[]> }) => s.viewers?.[id]),
            newest,
          ),
      )
      .toEqual([{ id: 'r_anna', name: 'Anna Rossi' }]);
  } finally {
    await ben.close();
    await anna.close();
    await helpDesk.close();
  }
});
