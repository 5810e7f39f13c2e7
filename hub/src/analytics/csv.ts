import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type {
  AnalyticsQuery,
  AnalyticsTable,
  ConversationListQuery,
  Figures,
  GroupFigures,
  RepFigures,
  WeekHour,
} from '#protocol';
import type { Db, Sql } from '../storage/db';
import { listConversations, type ListedConversation } from './list';
import { reportTables } from './report';
import { analyticsRead } from './scope';

/**
 * Analytics as CSV (FEATURES H4): each table of a report, and the conversations behind a figure, with
 * the query's filters. Rows are written as they are read — the conversation list page by page
 * (list.ts) — through csv-stringify, which waits for the reader (backpressure), so memory stays flat
 * for a year of conversations. Headers are stable snake_case names, times in whole seconds; cells that a
 * spreadsheet would take for a formula are escaped.
 */
type Column<T> = [header: string, value: (row: T) => unknown];

const FIGURE_COLUMNS: Column<Figures>[] = [
  ['conversations', (f) => f.conversations],
  ['answered', (f) => f.answered],
  ['missed', (f) => f.missed],
  ['abandoned', (f) => f.abandoned],
  ['unanswered', (f) => f.unanswered],
  ['first_response_median_s', (f) => f.firstResponse.median],
  ['first_response_p90_s', (f) => f.firstResponse.p90],
  ['handled', (f) => f.handled],
  ['handling_median_s', (f) => f.handling.median],
  ['handling_p90_s', (f) => f.handling.p90],
  ['transfers', (f) => f.transfers],
  ['offers_lapsed', (f) => f.offersLapsed],
  ['leads', (f) => f.leads],
  ['bot_started', (f) => f.bot.started],
  ['bot_customer_routed', (f) => f.bot.customerRouted],
  ['bot_pointed_elsewhere', (f) => f.bot.pointedElsewhere],
  ['bot_qualified', (f) => f.bot.qualified],
  ['bot_lead_created', (f) => f.bot.leadCreated],
  ['bot_asked_for_person', (f) => f.bot.askedForPerson],
  ['bot_unfinished', (f) => f.bot.unfinished],
];

const GROUP_COLUMNS: Column<GroupFigures>[] = [['id', (g) => g.id], ['name', (g) => g.name], ...FIGURE_COLUMNS];

const REP_COLUMNS: Column<RepFigures>[] = [
  ['rep_id', (r) => r.repId],
  ['name', (r) => r.name],
  ['answered', (r) => r.answered],
  ['first_response_median_s', (r) => r.firstResponse.median],
  ['first_response_p90_s', (r) => r.firstResponse.p90],
  ['handled', (r) => r.handled],
  ['handling_median_s', (r) => r.handling.median],
  ['handling_p90_s', (r) => r.handling.p90],
  ['transfers', (r) => r.transfers],
  ['offers_lapsed', (r) => r.offersLapsed],
  ['leads', (r) => r.leads],
];

const WEEK_COLUMNS: Column<WeekHour>[] = [
  ['iso_weekday', (h) => h.dow],
  ['hour', (h) => h.hour],
  ['conversations', (h) => h.conversations],
];

const LIST_COLUMNS: Column<ListedConversation>[] = [
  ['id', (c) => c.id],
  ['opened', (c) => c.opened],
  ['chat', (c) => c.chat],
  ['queue', (c) => c.queue],
  ['channel', (c) => c.channel],
  ['outcome', (c) => c.outcome],
  ['first_rep', (c) => c.firstRep],
  ['owner', (c) => c.owner],
  ['first_response_s', (c) => c.firstResponseS],
  ['handling_s', (c) => c.handlingS],
  ['transfers', (c) => c.transfers],
  ['offers_lapsed', (c) => c.offersLapsed],
  ['bot_outcome', (c) => c.botOutcome],
  ['leads', (c) => c.leads],
];

/** Pages of rows in, CSV text out; a failure while reading ends the stream with that error. */
function toCsv<T>(columns: Column<T>[], pages: AsyncIterable<T[]>): Readable {
  async function* records() {
    for await (const rows of pages) for (const row of rows) yield columns.map(([, value]) => value(row) ?? '');
  }
  const out = stringify({ header: true, columns: columns.map(([header]) => header), escape_formulas: true });
  return pipeline(Readable.from(records()), out, () => {});
}

/** A small table, read in one analytics transaction when the stream starts. */
function once<T>(db: Db, read: (tx: Sql) => Promise<T[]>): AsyncIterable<T[]> {
  return (async function* () {
    yield await analyticsRead(db, read);
  })();
}

const GROUPS = { chats: 'chat', queues: 'queue', channels: 'channel' } as const;

/** One table of the report as CSV. */
export function tableCsv(db: Db, q: AnalyticsQuery, table: AnalyticsTable): Readable {
  switch (table) {
    case 'days':
      return toCsv(
        [['day', (d: Figures & { day: string }) => d.day], ...FIGURE_COLUMNS],
        once(db, (tx) => reportTables(tx, q).days()),
      );
    case 'week':
      return toCsv(
        WEEK_COLUMNS,
        once(db, (tx) => reportTables(tx, q).week()),
      );
    case 'reps':
      return toCsv(
        REP_COLUMNS,
        once(db, (tx) => reportTables(tx, q).reps()),
      );
    default:
      return toCsv(
        GROUP_COLUMNS,
        once(db, (tx) => reportTables(tx, q).groups(GROUPS[table])),
      );
  }
}

/** The conversations behind a figure as CSV, read page by page while the reader takes them. */
export const conversationsCsv = (db: Sql, q: ConversationListQuery): Readable =>
  toCsv(LIST_COLUMNS, listConversations(db, q));
