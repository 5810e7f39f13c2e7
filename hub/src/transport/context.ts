import type { EventFeed } from '../events/feed';
import type { Db } from '../storage/db';
import type { Presence } from './presence';

/** What every request and socket handler of one hub process shares. */
export interface HubContext {
  db: Db;
  feed: EventFeed;
  presence: Presence;
  /** Call after a transaction that appended events has committed: wakes every feed. */
  committed(): void;
}
