import { v7 as uuidv7 } from 'uuid';

/**
 * Row ids for every table the hub writes: a readable prefix (`m_` a message, `n_` a note, `ct_` a
 * contact…) and 32 hex digits of a UUIDv7 — 48 bits of milliseconds, then a counter that `uuid`
 * advances for each id made in the same millisecond (so ids made in one process sort in the order
 * they were made), then random bits. Unique without a round trip to the database.
 *
 * Ordering: lists sort by `created_at, id` (or their time column and id), never by id alone. The
 * time still leads, so rows written before ids were time-ordered (random UUIDv4 hex; the customer
 * store's own time-sequence-random ids, which share these 48 leading bits of milliseconds) keep
 * their place; the id breaks ties, which rows written in one transaction (one `now()`) or one
 * PGlite clock tick (a millisecond) have, in write order.
 */
export type IdPrefix =
  // chats and inbox
  | 'c'
  | 'm'
  | 'f'
  | 'v'
  | 'r'
  | 'q'
  | 'ch'
  | 'cu'
  | 'tp'
  | 'n'
  // the built-in customer store
  | 'ct'
  | 'co'
  | 'nt'
  | 'tk'
  | 'ac'
  | 'pu'
  | 'em'
  | 'pr'
  | 'pl'
  | 'cn'
  // messaging channels: an item a webhook delivered
  | 'ci'
  // erasures' audit entries (FEATURES H6)
  | 'er'
  // the data API (issue 20): API keys, custom events
  | 'ak'
  | 'ev';

export const newId = (prefix: IdPrefix): string => `${prefix}_${uuidv7().replaceAll('-', '')}`;
