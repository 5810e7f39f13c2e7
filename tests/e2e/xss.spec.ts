import type { Page } from '@playwright/test';
import { messagePreview, Tag } from '#protocol';
import { CONTROL_PAYLOAD, payloadsUpTo, XSS_PAYLOADS } from '../fixtures/xss-payloads';
import { visitorSend } from './support/chat-drivers';
import { expect, test } from './support/fixtures';
import { signIn } from './support/helpers';
import { repClient, visitorClient } from './support/hub-clients';
import { openPanel, widget } from './support/shop';

/**
 * FEATURES I4: visitor-supplied text is never HTML. Every payload of the shared corpus goes through the
 * real hub as a visitor's message (typed in the real widget), a super user's reply, a visitor's name
 * and (those that fit) a tag; the built extension's side panel and the widget must show each one as
 * literal text, create no element from it, and never run it (the flag a payload sets stays unset).
 */
const ALEX = 'alex@demo.parley.test'; // a super user sees every conversation, so one panel shows them all
const NAME_CHARS = 120;
const TAG_CHARS = 32;

/** Elements no rendered text should ever produce in our UI. */
const FOREIGN =
  'img, svg, iframe, script, object, embed, video, audio, math, marquee, details, xss, meta, link, style, base, input[autofocus], select[autofocus], textarea[autofocus], a[href^="javascript:" i], a[href^="data:" i], form form';

const flag = (p: Page) => p.evaluate(() => (window as any).__xss ?? (window.top as any)?.__xss ?? null);

test('the XSS corpus renders as text in the side panel and the widget, and no payload runs', async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(600_000);
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(200);

  // Positive control: on the same shop page, one payload parsed as HTML does set the flag this test watches.
  // The hub serves its demo shop with a content security policy (no inline script, no handlers) that
  // would keep a payload from running by itself. These pages go without it, as a shop that sets none:
  // what keeps the payloads inert here is the widget's rendering alone.
  const withoutCsp = async () => {
    const p = await context.newPage();
    await (await context.newCDPSession(p)).send('Page.setBypassCSP', { enabled: true });
    return p;
  };
  const control = await withoutCsp();
  await control.goto(`${hub.url}/demo/shop.html`);
  await control.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), CONTROL_PAYLOAD);
  await expect.poll(() => flag(control)).toBe(1);
  await control.close();

  await signIn(page, extensionId, hub.url, ALEX);
  const alex = await repClient(hub.url, ALEX);

  // Messages: a visitor types every payload into the real widget; the super user answers each with the same payload.
  const shop = await withoutCsp();
  await shop.goto(`${hub.url}/demo/shop.html`);
  await widget(shop).launcher.click();
  await visitorSend(shop, [...XSS_PAYLOADS]);
  await expect
    .poll(
      () =>
        shop.evaluate(
          () => document.querySelector('parley-widget')!.shadowRoot!.querySelectorAll('.log .msg.pending').length,
        ),
      { timeout: 120_000 },
    )
    .toBe(0);
  // Alex was connected before the visitor wrote: the first message he was told of is the widget visitor's.
  const shopConversation = await alex.firstMessageConversation();

  // Names and tags: one more visitor per payload that fits a name, each tagged (where the payload fits a tag).
  const named = payloadsUpTo(NAME_CHARS);
  const tagged = new Set(payloadsUpTo(TAG_CHARS));
  const conversations: { name: string; id: string }[] = [];
  for (const [i, name] of named.entries()) {
    const visitor = await visitorClient(hub.url);
    await visitor.identify(`xss-${i}@example.com`, name);
    const id = await alex.conversationOf(await visitor.say(name));
    if (tagged.has(name)) await alex.cmd({ type: 'addTag', conversationId: id, tag: name });
    conversations.push({ name, id });
    visitor.close();
  }
  // The widget visitor's conversation: the super user replies with every payload (the first reply claims it).
  for (const payload of XSS_PAYLOADS) await alex.cmd({ type: 'send', conversationId: shopConversation, text: payload });

  // ---- the widget ----
  const widgetTexts = () =>
    shop.evaluate(() =>
      [...document.querySelector('parley-widget')!.shadowRoot!.querySelectorAll('.log .msg .text')].map(
        (e) => e.textContent,
      ),
    );
  await expect.poll(async () => (await widgetTexts()).length, { timeout: 120_000 }).toBe(XSS_PAYLOADS.length * 2);
  expect(await widgetTexts()).toEqual([...XSS_PAYLOADS, ...XSS_PAYLOADS]);
  expect(
    await shop.evaluate(
      (sel) => document.querySelector('parley-widget')!.shadowRoot!.querySelectorAll(`.log :is(${sel})`).length,
      FOREIGN,
    ),
  ).toBe(0);
  // Again from the hub's history after a reload (the widget's welcome carries the latest messages).
  await shop.reload();
  await widget(shop).launcher.click();
  await expect.poll(async () => (await widgetTexts()).length, { timeout: 60_000 }).toBeGreaterThan(100);
  const reloaded = await widgetTexts();
  expect([...XSS_PAYLOADS, ...XSS_PAYLOADS].slice(-reloaded.length)).toEqual(reloaded);
  expect(await flag(shop)).toBeNull();

  // ---- the side panel ----
  const panel = await openPanel(context, extensionId);
  const pending = panel.getByRole('region', { name: 'Pending' });
  // The inbox is virtual: wait until Pending holds them all, then scroll through it collecting rows.
  await expect(pending.locator('li[aria-posinset]').first()).toHaveAttribute('aria-setsize', String(named.length), {
    timeout: 120_000,
  });
  // Names and previews, literally.
  const rows = await pending.evaluate(async (region, total) => {
    const scroller = region.closest<HTMLElement>('.inbox')!;
    const found = new Map<number, { who: string | null; preview: string | null }>();
    for (let top = 0; found.size < total && top <= scroller.scrollHeight + scroller.clientHeight;) {
      for (const li of region.querySelectorAll('li[aria-posinset]'))
        found.set(Number(li.getAttribute('aria-posinset')), {
          who: li.querySelector('.who .name')!.textContent, // (the name beside its channel icon)
          preview: li.querySelector('.preview')!.textContent,
        });
      top += Math.max(100, scroller.clientHeight / 2);
      scroller.scrollTop = top;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    scroller.scrollTop = 0;
    return [...found.values()];
  }, named.length);
  expect(rows.map((r) => r.who).sort()).toEqual([...named].sort());
  expect(rows.map((r) => r.preview).sort()).toEqual(named.map(messagePreview).sort());
  // Tags, literally: every one in the inbox filter, and on the conversations that carry them.
  const expectedTags = [...tagged].map((t) => Tag.parse(t));
  const options = await panel.getByLabel('Filter by tag').locator('option').allTextContents();
  expect(options.slice(1).sort()).toEqual([...new Set(expectedTags)].sort());
  for (const { name, id } of conversations.filter((c) => tagged.has(c.name)).slice(0, 3)) {
    await panel.evaluate(
      (conversationId) =>
        (document.querySelector('#app') as any).__vue_app__.config.globalProperties.$pinia._s
          .get('inbox')
          .open(conversationId),
      id,
    );
    await expect(panel.getByRole('list', { name: 'Tags' }).getByRole('listitem').locator('span')).toHaveText([
      Tag.parse(name),
    ]);
    await expect(panel.getByRole('list', { name: 'Messages' }).locator('.message-text').first()).toHaveText(name);
    await panel.getByRole('button', { name: 'Back to inbox' }).click();
  }

  // Every message of the payload conversation, scrolled through the virtual list.
  await panel.evaluate(
    (conversationId) =>
      (document.querySelector('#app') as any).__vue_app__.config.globalProperties.$pinia._s
        .get('inbox')
        .open(conversationId),
    shopConversation,
  );
  await expect(panel.getByRole('list', { name: 'Messages' }).locator('li').first()).toHaveAttribute(
    'aria-setsize',
    String(XSS_PAYLOADS.length * 2),
    { timeout: 60_000 },
  );
  const seen = await panel.evaluate(async (foreign) => {
    const scroller = document.querySelector<HTMLElement>('.message-scroll')!;
    const texts = new Map<number, string>();
    let injected = 0;
    for (let top = 0; ; top += Math.max(100, scroller.clientHeight / 2)) {
      scroller.scrollTop = top;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (const li of scroller.querySelectorAll('li[aria-posinset]'))
        texts.set(Number(li.getAttribute('aria-posinset')), li.querySelector('.message-text')!.textContent ?? '');
      injected += scroller.querySelectorAll(foreign).length;
      if (top > scroller.scrollHeight) break;
    }
    return { texts: [...texts.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t), injected };
  }, FOREIGN);
  expect(seen.injected).toBe(0);
  expect(seen.texts).toEqual([...XSS_PAYLOADS, ...XSS_PAYLOADS]);

  // Search across conversations highlights inside payload text, still as text.
  await panel.getByRole('button', { name: 'Back to inbox' }).click();
  await panel.getByRole('searchbox', { name: 'Search all conversations' }).fill('onerror');
  await expect(panel.getByRole('list', { name: 'Search results' }).locator('mark.hit').first()).toHaveText('onerror', {
    timeout: 30_000,
  });
  // (The channel icons the panel draws itself beside each name are its own svg, not a payload's.)
  expect(await panel.locator(`#app :is(${FOREIGN}):not(.channel-icon > svg.lucide)`).count()).toBe(0);
  expect(await panel.locator('#app .channel-icon > svg.lucide').count()).toBeGreaterThan(0);
  expect(await flag(panel)).toBeNull();
  expect(await flag(shop)).toBeNull();
  alex.close();
});
