/** The event log's write path and tail (hub/src/events/log.ts, watermark.ts, feed.ts; issue 16). */
export const LOG_LIMITS = {
  /**
   * Times a write transaction runs when PostgreSQL ends it as a deadlock's victim. Writers no longer
   * queue behind one lock, so two that lock the same rows in a different order can deadlock; the
   * database picks one to abort and it runs again from the start.
   */
  writeAttempts: 4,
  /**
   * How soon the feed looks again while a write that started before its last read is still open
   * (a writer that rolls back, or any other open transaction, sends no wake-up).
   */
  feedRecheckMs: 20,
} as const;
