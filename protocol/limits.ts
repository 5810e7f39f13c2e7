/** Every limit the hub enforces, in one place so errors can quote them and clients can pre-check. */
export const LIMITS = {
  /** Characters in one chat message. */
  messageChars: 4000,
  /** Bytes in one WebSocket frame, before parsing. Larger frames are refused, not truncated. */
  frameBytes: 64 * 1024,
  /** Bytes in one REST request body. */
  restBodyBytes: 16 * 1024,
  /** Events replayed per page on resume; the client keeps asking until caught up. */
  replayPage: 500,
  /**
   * Days the event log keeps an event (issue 14). A rep resuming from before what was pruned gets a
   * full re-sync (a `snapshot` of their inbox), never a replay with a hole in it.
   */
  eventLogRetentionDays: 30,
  /** Conversations (and templates, and colleagues' statuses) in one `snapshot` frame of a full re-sync. */
  snapshotPage: 200,
  /** Messages a rep receives in one `history` answer. */
  repHistory: 1000,
  /** Messages a visitor receives when (re)joining their conversation. */
  visitorHistory: 200,
  /** Characters in a page URL carried with a visitor message. */
  urlChars: 2048,
  /** Characters in a name. */
  nameChars: 120,
  /** Largest number of minutes, hours or days in a timed block. */
  blockAmount: 10_000,
  /**
   * Days a block of the visitor's IP address lasts at most, even when the visitor's own block is
   * permanent: addresses change hands (FEATURES I4, hub/src/net/ip-blocks.ts).
   */
  ipBlockMaxDays: 7,
  /** Reps returned by one transfer search. */
  repSearchResults: 20,
  /** Characters in one bot text (a question, a button label) in one language. */
  botTextChars: 500,
  /** Qualification questions the routing bot asks. */
  botQuestions: 10,
  /** Tags the bot's follow-up puts on a conversation. */
  botTags: 10,
  /** Characters in one tag. */
  tagChars: 40,
  /** Bytes in a PUT of the bot's settings: every text in five languages does not fit restBodyBytes. */
  botConfigBytes: 256 * 1024,
} as const;

/** Seconds between client keepalives; MV3 keeps a service worker alive while its socket talks. */
export const KEEPALIVE_SECONDS = 20;
/** A connection silent for this long is considered dead by the hub. */
export const HEARTBEAT_TIMEOUT_SECONDS = 45;

/** The hub's HTTP side: what it drains, how long it waits. */
export const HTTP_LIMITS = {
  /** A refused body declared larger than this is not read to its end: the answer closes the connection. */
  drainBytes: 1024 * 1024,
  /** How long `GET /api/health` waits for the database to answer before saying 503. */
  healthDbMs: 2000,
  /** How long a stopping hub lets sockets finish the commands they were running and close (1001) before cutting them. */
  shutdownDrainMs: 5000,
} as const;

/** WebSocket close code of a hub that is stopping (restart, deploy): clients reconnect at once. */
export const CLOSE_GOING_AWAY = 1001;
