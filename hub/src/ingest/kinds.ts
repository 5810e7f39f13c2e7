import type * as z from 'zod';
import {
  ApiCompany,
  ApiContact,
  ApiEmail,
  ApiEvent,
  ApiOrder,
  ApiProduct,
  type ApiScope,
  type ApiWritten,
} from '#protocol';
import type { Sql } from '../storage/db';
import { upsertCompany, upsertContact, upsertEmail, upsertEvent, upsertOrder, upsertProduct } from './upserts';

/** The data API's record kinds (issue 20): each `/api/v1/<kind>` route's row schema, the scope it needs, and its upsert. */
export interface Kind {
  scope: ApiScope;
  schema: z.ZodType;
  summary: string;
  write: (tx: Sql, row: never) => Promise<ApiWritten>;
}

const kind = <S extends z.ZodType>(
  scope: ApiScope,
  schema: S,
  summary: string,
  write: (tx: Sql, row: z.output<S>) => Promise<ApiWritten>,
): Kind => ({ scope, schema, summary, write: write as Kind['write'] });

export const KINDS = {
  products: kind('products', ApiProduct, 'Upserts a product of the catalog by its SKU.', upsertProduct),
  companies: kind('contacts', ApiCompany, 'Upserts a company by its external id.', upsertCompany),
  contacts: kind('contacts', ApiContact, 'Upserts a person or a lead by email.', (tx, c) => upsertContact(tx, c)),
  orders: kind(
    'orders',
    ApiOrder,
    'Upserts an order by its id: its lines become purchases of the person with its email (made if missing).',
    (tx, o) => upsertOrder(tx, o, 'api'),
  ),
  emails: kind('emails', ApiEmail, 'Upserts an email in a contact’s activity by its external id.', upsertEmail),
  events: kind('events', ApiEvent, 'Upserts a custom event of a contact by its external id.', upsertEvent),
} as const;
export type KindName = keyof typeof KINDS;
