import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import type { ImportReport } from '#protocol';
import { useScriptedHub, type Reply } from '../../tests/components/scripted-hub';
import ImportScreen from './ImportScreen.vue';

/**
 * The console's CSV import (issue 20) against a scripted hub (the real route is tests/hub/imports.test.ts;
 * end to end, tests/e2e/csv-import.spec.ts): columns guessed from the headers, the first rows previewed
 * with the hub's verdict, every row sent with its CSV line in the mode chosen, and the report shown.
 */
const hub = useScriptedHub();
const CSV = 'Variant SKU,Title,Price,Vendor\nL-1,Oak lamp,12.50,Lumen\nL-2,,9.99,Lumen\nL-3,Desk,"1,5",Lumen\n';
const stream = (...lines: unknown[]): Reply => ({
  status: 200,
  text: lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
});
const report = (over: Partial<ImportReport>): ImportReport => ({
  mode: 'good',
  total: 3,
  written: 2,
  refused: [{ line: 3, message: 'name: Invalid input: expected string, received undefined' }],
  ...over,
});

function answer(final: (mode: string) => ImportReport) {
  hub.replies = (_method, _path, body) => {
    const mode = hub.calls.at(-1)?.query?.replace('?mode=', '') ?? '';
    if (mode === 'preview') return stream({ report: { ...report({ mode: 'preview' }), total: (body as []).length } });
    return stream({ done: 1, total: 3 }, { done: 3, total: 3 }, { report: final(mode) });
  };
}

/** Puts a file in the file input as a user's choice does (the provider's upload re-encodes text files). */
function upload(screen: ReturnType<typeof render>, text: string) {
  const input = screen.getByLabelText('CSV file').element() as HTMLInputElement;
  const files = new DataTransfer();
  files.items.add(new File([text], 'products.csv', { type: 'text/csv' }));
  input.files = files.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

async function chooseFile(screen: ReturnType<typeof render>, text = CSV) {
  upload(screen, text);
  await expect.element(screen.getByText('The file has 3 rows.')).toBeVisible();
}

describe('the CSV import screen', () => {
  it('guesses the columns, previews the first rows with the hub’s verdict, and imports every row with its CSV line', async () => {
    answer(() => report({}));
    const screen = render(ImportScreen);
    await chooseFile(screen);
    await expect.element(screen.getByRole('combobox', { name: 'Name (required)' })).toHaveDisplayValue('Title');
    await expect.element(screen.getByRole('combobox', { name: 'Brand' })).toHaveDisplayValue('Vendor');
    // "Variant SKU" is no name the guess knows: the super user picks it.
    await expect.element(screen.getByText('Choose a column for SKU.')).toBeVisible();
    await screen.getByRole('combobox', { name: 'SKU (required)' }).selectOptions('Variant SKU');
    const preview = screen.getByRole('table', { name: 'Preview: the first rows as they will be written' });
    await expect.element(preview.getByRole('row', { name: /^2 L-1 Oak lamp 12\.50/ })).toHaveTextContent(/OK$/);
    await expect.element(preview.getByRole('row', { name: /^3 L-2/ })).toHaveTextContent(/name: Invalid input/);
    await expect.element(preview.getByRole('row', { name: /^4 L-3 Desk 1\.50/ })).toBeVisible();

    await screen.getByRole('button', { name: 'Import' }).click();
    const result = screen.getByRole('region', { name: 'Import report' });
    await expect.element(result.getByRole('status')).toHaveTextContent('2 rows written. 1 row refused.');
    await expect
      .element(result.getByRole('table', { name: 'Refused rows' }).getByRole('row', { name: /^3 name:/ }))
      .toBeVisible();
    const sent = hub.calls.filter((c) => c.query === '?mode=good');
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/admin/imports/products',
        query: '?mode=good',
        body: [
          { line: 2, row: { sku: 'L-1', name: 'Oak lamp', priceCents: 1250, brand: 'Lumen' } },
          { line: 3, row: { sku: 'L-2', priceCents: 999, brand: 'Lumen' } },
          { line: 4, row: { sku: 'L-3', name: 'Desk', priceCents: 150, brand: 'Lumen' } },
        ],
      },
    ]);
  });

  it('sends all or nothing when chosen and says nothing was written', async () => {
    answer((mode) => report({ mode: mode as 'atomic', written: 0 }));
    const screen = render(ImportScreen);
    await chooseFile(screen, CSV.replace('Variant SKU', 'SKU'));
    await screen.getByRole('radio', { name: 'Write nothing (all or nothing)' }).click();
    await screen.getByRole('button', { name: 'Import' }).click();
    await expect
      .element(screen.getByText('Nothing was written: you chose all or nothing, and some rows were refused.'))
      .toBeVisible();
    expect(hub.calls.filter((c) => c.query !== '?mode=preview').map((c) => c.query)).toEqual(['?mode=atomic']);
  });

  it('refuses to start without a column for a required field, sending nothing to import', async () => {
    answer(() => report({}));
    const screen = render(ImportScreen);
    await chooseFile(screen);
    await screen.getByRole('button', { name: 'Import' }).click();
    await expect.element(screen.getByRole('alert')).toHaveTextContent('Choose a column for SKU.');
    expect(hub.calls).toEqual([]);
  });

  it('says why a file is not a CSV it can read', async () => {
    const screen = render(ImportScreen);
    upload(screen, 'sku,name\n"L-1,Lamp\n');
    await expect.element(screen.getByRole('alert')).toHaveTextContent(/^This file could not be read as CSV: /);
    await vi.waitFor(() => expect(hub.calls).toEqual([]));
  });
});
