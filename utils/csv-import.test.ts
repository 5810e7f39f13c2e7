import { describe, expect, it } from 'vitest';
import { mappedRows, readCsv, unmapped } from './csv-import';
import { convertCell, guessMapping } from './import-fields';

/** The console's CSV import in the page (issue 20): reading, guessing the columns, and the rows sent to the hub. */
describe('reading a CSV for import', () => {
  it('numbers records by the line they start on, across quoted line breaks and blank lines', () => {
    const table = readCsv('\uFEFFSKU,Title,Price\r\nA-1,"Desk\nlamp",12.50\r\n\r\nA-2,Chair,"1,5"\r\n');
    expect(table.headers).toEqual(['SKU', 'Title', 'Price']);
    expect(table.records).toEqual([
      { line: 2, cells: ['A-1', 'Desk\nlamp', '12.50'] },
      { line: 5, cells: ['A-2', 'Chair', '1,5'] },
    ]);
  });

  it('takes the header line’s delimiter: semicolons for a European export', () => {
    expect(readCsv('sku;name;price\nB-1;Lamp;3,99').records[0].cells).toEqual(['B-1', 'Lamp', '3,99']);
  });

  it('guesses each field’s column from common header names, one column per field', () => {
    const mapping = guessMapping('products', ['Variant SKU', 'Title', 'Vendor', 'Price', 'Image Src']);
    expect(mapping).toEqual({
      sku: null,
      name: 1,
      priceCents: 3,
      currency: null,
      brand: 2,
      category: null,
      imageUrl: 4,
      url: null,
    });
    expect(unmapped('products', mapping).map((f) => f.key)).toEqual(['sku']);
  });

  it('turns prices into cents and dates into ISO, and leaves what does not convert for the hub to refuse', () => {
    expect(convertCell('12.5', 'cents')).toBe(1250);
    expect(convertCell('3,99', 'cents')).toBe(399);
    expect(convertCell('twelve', 'cents')).toBe('twelve');
    expect(convertCell('  ', 'text')).toBeUndefined();
    expect(convertCell('2026-11-30T10:00:00+01:00', 'date')).toBe('2026-11-30T09:00:00.000Z');
    expect(convertCell('3x', 'integer')).toBe('3x');
  });

  it('groups an order’s records into its lines, numbered by its first record', () => {
    const table = readCsv(
      'order,email,date,sku,qty,price\n' +
        'O-1,a@example.com,2026-11-30T10:00:00Z,S-1,2,5.00\n' +
        'O-2,b@example.com,2026-11-30T11:00:00Z,S-1,1,5.00\n' +
        'O-1,a@example.com,2026-11-30T10:00:00Z,S-2,1,7.25\n',
    );
    const rows = mappedRows('orders', guessMapping('orders', table.headers), table.records);
    expect(rows).toEqual([
      {
        line: 2,
        row: {
          orderId: 'O-1',
          email: 'a@example.com',
          placedAt: '2026-11-30T10:00:00.000Z',
          lines: [
            { sku: 'S-1', quantity: 2, priceCents: 500 },
            { sku: 'S-2', quantity: 1, priceCents: 725 },
          ],
        },
      },
      expect.objectContaining({ line: 3, row: expect.objectContaining({ orderId: 'O-2' }) }),
    ]);
  });
});
