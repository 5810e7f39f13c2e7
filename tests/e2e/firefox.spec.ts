import { randomUUID } from 'node:crypto';
import { expect, test } from './support/fixtures';
import { launchFirefoxWithParley, type FirefoxParley } from './support/firefox';
import { DEMO_PASSWORD } from './support/helpers';
import { visitorClient } from './support/hub-clients';

/**
 * The Firefox build in Debian's Firefox ESR against a real hub: installed as a temporary add-on,
 * signed in through the popup's form, a visitor's message arrives (badge, sound played by the
 * background page itself), and the rep takes it and replies in the sidebar. The extension's pages
 * are driven by script in the page (see support/firefox.ts for why not WebDriver BiDi); the visitor
 * is a plain protocol client on the same hub.
 */

const REP = { email: 'anna@demo.parley.test', name: 'Anna Rossi' };

/** Firefox's WebExtension global in the add-on's documents (the callbacks below run there). */
declare const browser: any;

let firefox: FirefoxParley | null = null;

// eslint-disable-next-line no-empty-pattern -- Playwright reads a hook's fixtures from this pattern: none
test.afterEach(async ({}, testInfo) => {
  if (firefox && testInfo.status !== testInfo.expectedStatus)
    await testInfo.attach('web-ext.log', { body: firefox.log(), contentType: 'text/plain' });
  await firefox?.close();
  firefox = null;
});

test('Firefox: the add-on signs in to a real hub, is alerted to a visitor, and the rep replies from the sidebar', async ({
  hub,
}) => {
  firefox = await launchFirefoxWithParley();
  const background = await firefox.background();

  // MV2 with a persistent background page (docs/BROWSERS.md); the side panel is Firefox's sidebar,
  // which Firefox opens when the add-on is installed.
  expect(await background.evaluate(() => browser.runtime.getManifest().manifest_version, null)).toBe(2);
  await expect
    .poll(() =>
      background.evaluate(
        () => browser.extension.getViews({ type: 'sidebar' }).map((v: Window) => v.location.pathname),
        null,
      ),
    )
    .toEqual(['/sidepanel.html']);

  // The rep signs in through the popup's form (the popup opened as a tab, as in the Chromium tests).
  const popup = await firefox.openPage('/popup.html');
  await popup.evaluate(
    async ({ hubUrl, email, password }, ui) => {
      await ui.until('the sign-in form', () => ui.field('Hub URL'));
      ui.fill(ui.field('Hub URL'), hubUrl);
      ui.fill(ui.field('Email'), email);
      ui.fill(ui.field('Password'), password);
      ui.button('Sign in').click();
      await ui.until('"Connection: Connected"', () => document.body.textContent?.includes('Connection: Connected'));
    },
    { hubUrl: hub.url, email: REP.email, password: DEMO_PASSWORD },
  );

  // A visitor writes; the background page gets it over its socket.
  const visitor = await visitorClient(hub.url);
  try {
    const hello = `Hello from a Firefox test ${randomUUID().slice(0, 8)}`;
    await visitor.say(hello);

    // The toolbar button (browserAction in MV2) shows one waiting chat, and the alert sound really
    // started, played by the background page itself (no offscreen document in Firefox).
    await expect
      .poll(() => background.evaluate(() => browser.browserAction.getBadgeText({}), null), { timeout: 15_000 })
      .toBe('1');
    await expect
      .poll(() =>
        background.evaluate(
          () =>
            browser.storage.session
              .get('lastSound')
              .then((s: { lastSound?: { result: unknown } }) => s.lastSound?.result ?? null),
          null,
        ),
      )
      .toEqual({ played: true });

    // In the sidebar the rep opens it from Pending, takes it and replies.
    const sidebar = await firefox.document('/sidepanel.html');
    const reply = `Hi from Anna in Firefox ${randomUUID().slice(0, 8)}`;
    await sidebar.evaluate(
      async ({ hello, reply, repName }, ui) => {
        const pending = await ui.until('the Pending folder', () => ui.labelled('Pending'));
        (await ui.until('the visitor in Pending', () => ui.button(new RegExp(hello), pending))).click();
        (await ui.until('the Take button', () => ui.button('Take'))).click();
        await ui.until(`"Active with ${repName}"`, () => document.body.textContent?.includes(`Active with ${repName}`));
        ui.fill(ui.field('Reply'), reply);
        (await ui.until('Send enabled', () => !ui.button('Send').disabled && ui.button('Send'))).click();
        await ui.until('the reply in Messages', () => ui.labelled('Messages').textContent?.includes(reply));
      },
      { hello, reply, repName: REP.name },
    );

    // The hub delivered the reply from the extension to the visitor, under the rep's name; the
    // badge is clear again.
    expect(await visitor.heard(reply)).toEqual({ authorName: REP.name });
    await expect.poll(() => background.evaluate(() => browser.browserAction.getBadgeText({}), null)).toBe('');
  } finally {
    visitor.close();
  }
});
