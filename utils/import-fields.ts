import type { ImportKind } from '#protocol';
import type { MessageKey } from './i18n';

/**
 * The fields a CSV import maps columns to (issue 20), per kind: what each is called on the console,
 * whether the data API needs it, the header names that suggest it, and how a cell becomes the API's
 * value. Cells are only reshaped here (a price in units → cents, a date → ISO); whether a value is
 * acceptable is the hub's to say (the data API's schemas): a cell that does not convert is sent as
 * written, and the hub refuses it with its reason.
 */
export type Convert = 'text' | 'cents' | 'integer' | 'date';

export interface ImportField {
  /** The key in the data API's row (an order line's for `line: true`). */
  key: string;
  label: MessageKey;
  required: boolean;
  /** Header names that suggest this field, compared without case, spaces or punctuation. */
  headers: string[];
  convert: Convert;
  /** Part of an order's line (sku, quantity, price), not of the order. */
  line?: true;
}

const field = (
  key: string,
  label: MessageKey,
  headers: string[],
  options: { required?: boolean; convert?: Convert; line?: true } = {},
): ImportField => ({
  key,
  label,
  required: options.required ?? false,
  headers: [key.toLowerCase(), ...headers],
  convert: options.convert ?? 'text',
  ...(options.line ? { line: true as const } : {}),
});

const SKU = ['sku', 'productsku', 'itemsku', 'code', 'productcode', 'articlenumber', 'itemnumber', 'productid'];
const PRICE = ['price', 'unitprice', 'regularprice', 'saleprice', 'amount', 'itemprice', 'lineitemprice'];

export const IMPORT_FIELDS: Record<ImportKind, ImportField[]> = {
  products: [
    field('sku', 'importFieldSku', SKU, { required: true }),
    field('name', 'importFieldName', ['title', 'productname', 'producttitle'], { required: true }),
    field('priceCents', 'importFieldPrice', PRICE, { required: true, convert: 'cents' }),
    field('currency', 'importFieldCurrency', ['currencycode']),
    field('brand', 'importFieldBrand', ['vendor', 'manufacturer', 'make']),
    field('category', 'importFieldCategory', ['type', 'producttype', 'categories']),
    field('imageUrl', 'importFieldImage', ['image', 'imagesrc', 'images', 'picture', 'photo']),
    field('url', 'importFieldUrl', ['link', 'producturl', 'permalink', 'page']),
  ],
  contacts: [
    field('email', 'importFieldEmail', ['emailaddress', 'mail', 'email1'], { required: true }),
    field('name', 'importFieldName', ['fullname', 'customername', 'contactname'], { required: true }),
    field('kind', 'importFieldKind', ['type', 'contacttype']),
    field('phone', 'importFieldPhone', ['telephone', 'mobile', 'phonenumber', 'tel']),
    field('address', 'importFieldAddress', ['street', 'billingaddress', 'address1']),
    field('companyExternalId', 'importFieldCompany', ['companyid', 'company', 'accountid']),
  ],
  orders: [
    field('orderId', 'importFieldOrderId', ['order', 'ordernumber', 'orderno', 'name', 'id'], { required: true }),
    field('email', 'importFieldEmail', ['emailaddress', 'customeremail', 'billingemail'], { required: true }),
    field('name', 'importFieldCustomer', ['customername', 'billingname', 'customer']),
    field('placedAt', 'importFieldPlacedAt', ['date', 'orderdate', 'createdat', 'paidat', 'placed'], {
      required: true,
      convert: 'date',
    }),
    field('sku', 'importFieldSku', ['lineitemsku', ...SKU], { required: true, line: true }),
    field('quantity', 'importFieldQuantity', ['qty', 'lineitemquantity', 'count'], {
      required: true,
      convert: 'integer',
      line: true,
    }),
    field('priceCents', 'importFieldPrice', PRICE, { required: true, convert: 'cents', line: true }),
  ],
};

const simple = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Each field's column (its index in the header row) guessed from the headers, or null; a column serves one field. */
export function guessMapping(kind: ImportKind, headers: string[]): Record<string, number | null> {
  const names = headers.map(simple);
  const taken = new Set<number>();
  const mapping: Record<string, number | null> = {};
  for (const f of IMPORT_FIELDS[kind]) {
    const index = f.headers.map((h) => names.findIndex((n, i) => n === h && !taken.has(i))).find((i) => i >= 0);
    mapping[f.key] = index ?? null;
    if (index !== undefined) taken.add(index);
  }
  return mapping;
}

/** A cell as the data API's value: empty is left out (the API's default), one that does not convert stays as written. */
export function convertCell(cell: string, convert: Convert): unknown {
  const text = cell.trim();
  if (text === '') return undefined;
  if (convert === 'cents') {
    const plain = /^\d+([.,]\d{1,2})?$/.test(text) ? text.replace(',', '.') : null;
    return plain === null ? text : Math.round(Number(plain) * 100);
  }
  if (convert === 'integer') return /^\d+$/.test(text) ? Number(text) : text;
  if (convert === 'date') {
    // Without a zone, a date and time is the browser's own local time (the shop's export is the user's).
    const at = Date.parse(/^\d{4}-\d\d-\d\d \d/.test(text) ? text.replace(' ', 'T') : text);
    return Number.isNaN(at) ? text : new Date(at).toISOString();
  }
  return text;
}
