// Owns keyset-paging positions: a row's timestamptz as text exact to the microsecond.

/**
 * A SQL expression giving `column` (a timestamptz) as ISO-8601 UTC text to the microsecond, e.g.
 * `2026-03-01T09:30:00.123456Z` — what a keyset cursor must carry. A JS Date keeps only milliseconds,
 * so a cursor made from one lands inside the millisecond of the page's last row, and rows written in
 * that millisecond after (or before) it are skipped or repeated. The text is a valid `Timestamp` of
 * the protocol and casts back to the same instant with `::timestamptz`.
 */
export const exactTime = (column: string): string =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
