import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import type { CatalogProduct } from '#protocol';
import { useScriptedHub } from '../../tests/components/scripted-hub';
import CatalogScreen from './CatalogScreen.vue';

/**
 * The console's catalog (issue 20) against a scripted hub (the real routes are tests/hub/catalog.test.ts):
 * a search is sent as typed, a product's edit goes out as the protocol's CatalogEdit, hidden included.
 */
const hub = useScriptedHub();
const lamp: CatalogProduct = {
  id: 'pr_lamp',
  sku: 'L-1',
  name: 'Oak lamp',
  brand: 'Lumen',
  category: 'Lighting',
  priceCents: 1250,
  currency: 'EUR',
  imageUrl: null,
  url: 'https://shop.example/l-1',
  hidden: false,
};

describe('the catalog screen', () => {
  it('searches by what is typed and lists the products found', async () => {
    hub.replies = () => ({ status: 200, body: { products: [lamp], more: true } });
    const screen = render(CatalogScreen);
    const list = screen.getByRole('list', { name: 'Products' });
    await expect.element(list.getByRole('listitem', { name: 'Oak lamp' })).toHaveTextContent(/L-1 · €12\.50/);
    await expect.element(screen.getByText(/1 product found\. More products match/)).toBeVisible();
    await screen.getByRole('searchbox', { name: 'Search by name or SKU' }).fill('oak');
    await screen.getByRole('checkbox', { name: 'Only hidden products' }).click();
    await vi.waitFor(() => expect(hub.calls.at(-1)?.query).toBe('?q=oak&hidden=only'));
  });

  it('saves a new price and hides the product from the gallery', async () => {
    hub.replies = (method, _path, body) =>
      method === 'PUT'
        ? { status: 200, body: { product: { ...lamp, ...(body as object) } } }
        : { status: 200, body: { products: [lamp], more: false } };
    const screen = render(CatalogScreen);
    await screen.getByRole('button', { name: 'Edit Oak lamp' }).click();
    const form = screen.getByRole('form', { name: 'Product Oak lamp' });
    await form.getByRole('textbox', { name: 'Price (EUR)' }).fill('13,90');
    await form.getByRole('checkbox', { name: 'Hide from the gallery and recommendations' }).click();
    await form.getByRole('button', { name: 'Save Oak lamp' }).click();
    await expect.element(form.getByRole('status')).toHaveTextContent('Saved.');
    expect(hub.sent('PUT')).toEqual([
      {
        method: 'PUT',
        path: '/api/admin/catalog/pr_lamp',
        body: {
          name: 'Oak lamp',
          brand: 'Lumen',
          category: 'Lighting',
          priceCents: 1390,
          currency: 'EUR',
          imageUrl: null,
          url: 'https://shop.example/l-1',
          hidden: true,
        },
      },
    ]);
    await expect
      .element(screen.getByRole('listitem', { name: 'Oak lamp' }))
      .toHaveTextContent(/Hidden from the gallery/);
  });

  it('refuses a price that is not a number before asking the hub', async () => {
    hub.replies = () => ({ status: 200, body: { products: [lamp], more: false } });
    const screen = render(CatalogScreen);
    await screen.getByRole('button', { name: 'Edit Oak lamp' }).click();
    const form = screen.getByRole('form', { name: 'Product Oak lamp' });
    await form.getByRole('textbox', { name: 'Price (EUR)' }).fill('cheap');
    await form.getByRole('button', { name: 'Save Oak lamp' }).click();
    await expect.element(form.getByRole('alert')).toHaveTextContent('Write the price as a number, e.g. 12.50.');
    expect(hub.sent('PUT')).toEqual([]);
  });
});
