import { expect, test } from './support/fixtures';
import { extensionUrl, signIn } from './support/helpers';
import { connectRep, type RepSocket } from './support/rep-socket';

/**
 * Page tracking end to end (FEATURES G1, E2): a visitor on the demo shop views one product page (a full
 * load, before the chat's body is even loaded: the view waits in the tab's queue), opens the chat
 * and gives a known customer's email, moves to a second product by single-page navigation
 * (history.pushState, seen through the Navigation API), and adds it to the cart with the page's
 * `parley:cart` event. Anna's side panel then shows both pages under the card's last visit, and
 * the product in the card's cart. Real hub, real extension, real widget in Chromium.
 */

type Product = { id: string; name: string; url: string };

async function crm(rep: RepSocket, request: object): Promise<any> {
  const reqId = `req-${Math.random().toString(36).slice(2)}`;
  rep.send({ type: 'crm', reqId, request });
  const answer = await rep.next((f) => f.reqId === reqId);
  if (answer.type !== 'crm') throw new Error(`crm ${JSON.stringify(request)}: ${JSON.stringify(answer)}`);
  return answer.answer;
}

test("a known customer's browsing and cart reach the rep's card: last visit and cart", async ({
  context,
  hub,
  extensionId,
  page,
}) => {
  test.setTimeout(180_000);
  // Two products of the demo catalog that are not already in Jonas Keller's seeded cart.
  const rep = await connectRep(hub.url, 'anna@demo.parley.test');
  let products: Product[];
  try {
    const jonas = await crm(rep, { op: 'lookup', email: 'jonas.keller@example.com' });
    const inCart = new Set<string>((jonas.card?.cart ?? []).map((l: { product: { id: string } }) => l.product.id));
    const found = await crm(rep, { op: 'searchProducts', query: 'lamp', brand: null, category: null });
    products = (found.products as Product[]).filter(
      (p) => !inCart.has(p.id) && p.url.startsWith(`${hub.url}/demo/shop-product.html?p=`),
    );
  } finally {
    rep.close();
  }
  const [first, second] = products;
  expect(second, 'two catalog lamps to browse').toBeTruthy();
  expect(first.name).not.toBe(second.name);

  await signIn(page, extensionId, hub.url, 'anna@demo.parley.test');

  // A full page load of the first product; the widget's body is not loaded yet.
  const shop = await context.newPage();
  await shop.goto(first.url);
  await expect(shop.getByRole('button', { name: 'Chat with us' })).toBeVisible({ timeout: 15_000 });

  // The visitor opens the chat, writes, and gives a known customer's email (unverified until a rep links it).
  await shop.getByRole('button', { name: 'Chat with us' }).click();
  await shop.getByRole('textbox', { name: 'Message' }).fill('Hello, a question about lamps');
  await shop.getByRole('button', { name: 'Send', exact: true }).click();
  await shop.getByLabel('Your email').fill('jonas.keller@example.com');
  await shop.getByRole('button', { name: 'Save details' }).click();
  await expect(shop.getByText('jonas.keller@example.com')).toBeVisible({ timeout: 15_000 });

  // Single-page navigation to the second product, as a shop's router does it, then "Add to cart".
  await shop.evaluate((url) => {
    history.pushState({ product: true }, '', url);
    document.title = 'Second lamp — Demo shop';
  }, second.url);
  await shop.getByRole('button', { name: 'Add to cart' }).click();
  await expect(shop.getByText('Added to your cart.')).toBeVisible();

  // A last message: the hub handles a visitor's frames in order, so once Anna sees it, the tracking is stored.
  const last = `Is the ${second.name} in stock?`;
  await shop.getByRole('textbox', { name: 'Message' }).fill(last);
  await shop.getByRole('button', { name: 'Send', exact: true }).click();

  const panel = await context.newPage();
  await panel.goto(extensionUrl(extensionId, 'sidepanel.html'));
  await panel
    .getByRole('region', { name: 'Pending' })
    .getByRole('button', { name: new RegExp(`in stock`) })
    .click({ timeout: 30_000 });
  await panel.getByRole('button', { name: 'Take' }).click();
  const card = panel.getByRole('complementary', { name: 'Contact card' });
  // A typed email is a claim (issue 14): the rep, having checked who this is, links the suggested record.
  await expect(card.getByText('unverified (typed by the visitor)')).toBeVisible({ timeout: 20_000 });
  await card.getByRole('button', { name: 'Link to this record' }).click();
  await expect(card.getByText('Jonas Keller', { exact: true })).toBeVisible({ timeout: 20_000 });

  // Sections start closed but the contact details (issue 18).
  for (const section of ['Recommendations', 'Cart and purchases'])
    await card.getByRole('button', { name: `Expand ${section}` }).click();
  // Last visit: both product pages, newest first, by their catalog names.
  const lastVisit = card.getByRole('list', { name: 'Last visit' }).getByRole('listitem');
  await expect(lastVisit).toHaveCount(2, { timeout: 20_000 });
  await expect(lastVisit.nth(0)).toContainText(second.name);
  await expect(lastVisit.nth(1)).toContainText(first.name);
  // The cart (last 24 h): the product added on the second page.
  await expect(
    card
      .getByRole('list', { name: 'Cart (last 24 h)' })
      .getByRole('listitem')
      .filter({ hasText: `1 × ${second.name}` }),
  ).toBeVisible();
});
