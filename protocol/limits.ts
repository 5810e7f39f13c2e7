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
   * permanent: addresses change hands (FEATURES I4, hub/src/net/addresses.ts).
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
/** At most `points` in a window of `seconds` (fixed windows, counted from the first). */
export interface Rate {
  points: number;
  seconds: number;
}

/**
 * Rate limits on what a stranger can reach (FEATURES I4), enforced by hub/src/net/. A refusal is
 * `rate_limited` (REST: 429 with Retry-After) and says when to try again. Counted per process, or in
 * Redis for every hub instance together when REDIS_URL is set.
 */
export const RATE_LIMITS = {
  /**
   * Visitor socket frames, per kind, counted per socket, per visitor id and per IP address, in that
   * order; a frame refused by one is not counted by the next, so a flooding tab does not use up the
   * allowance of the others behind its address. A person types far below these. (Page tracking has
   * its own limit on the hub's clock, CRM_LIMITS.trackPerMinute.)
   */
  visitorFrames: {
    /** A hello without a known credential makes a new visitor: per IP, that is how many visitors one address can make. */
    hello: { visitor: { points: 20, seconds: 60 }, ip: { points: 60, seconds: 60 } },
    /** A short window per socket: a burst of messages is a few writes, never dozens queued at once. */
    send: {
      socket: { points: 5, seconds: 10 },
      visitor: { points: 20, seconds: 60 },
      ip: { points: 300, seconds: 60 },
    },
    botChoice: {
      socket: { points: 5, seconds: 10 },
      visitor: { points: 20, seconds: 60 },
      ip: { points: 200, seconds: 60 },
    },
    identify: {
      socket: { points: 5, seconds: 60 },
      visitor: { points: 10, seconds: 60 },
      ip: { points: 60, seconds: 60 },
    },
    /** The widget sends one per typing pause (SNEAK_PEEK.draftDebounceMs): at most about 3 a second. */
    draft: {
      socket: { points: 200, seconds: 60 },
      visitor: { points: 300, seconds: 60 },
      ip: { points: 1500, seconds: 60 },
    },
  },
  /** Conversations newly opened from one IP address (a first message, or the first after one closed). */
  newConversationsPerIp: { points: 30, seconds: 3600 },
  /** WebSocket connections (rep and visitor together) one IP address may have open at once, per hub process. */
  openSocketsPerIp: 100,
  /** WebSocket connections one IP address may open. */
  socketOpensPerIp: { points: 300, seconds: 60 },
  /** REST requests (any route but the sockets) from one address. */
  restPerIp: { points: 600, seconds: 60 },
  /**
   * Signing in (POST /api/auth/login). Requests from one address are counted before any password is
   * checked; wrong passwords are counted per account (from anywhere) and per address (for any account).
   * Either count at its limit locks that account or address out for lockoutSeconds, doubled for each
   * further lockout within lockoutMemorySeconds, up to lockoutMaxSeconds; a right password clears the
   * account's count. The address allows more than the account, so one account's lockout leaves the
   * others behind that address signing in.
   */
  signIn: {
    requestsPerIp: { points: 30, seconds: 60 },
    accountFailures: { points: 5, seconds: 900 },
    ipFailures: { points: 20, seconds: 900 },
    lockoutSeconds: 60,
    lockoutMaxSeconds: 86_400,
    lockoutMemorySeconds: 86_400,
  },
  /** A visitor's file uploads, counted per visitor, per address and per chat (website), in that order. */
  uploads: {
    visitor: { points: 10, seconds: 600 },
    chat: { points: 300, seconds: 3600 },
    ip: { points: 30, seconds: 600 },
  },
  /**
   * Frames a socket has received and not yet handled (they are handled one at a time, in order). A
   * client past it is not reading its answers or is flooding: the socket is closed with 1008.
   */
  socketQueuedFrames: 256,
} as const;

/**
 * Conversations per inbox folder the side panel reads before its first paint (FEATURES D1): a 900 px
 * panel shows 24 rows and the list draws 8 beyond them. The rest of the folder is read after that paint.
 */
export const INBOX_FIRST_ROWS = 40;

/**
 * Several hubs on one PostgreSQL and one Redis (FEATURES I6). A hub that has not beaten for
 * HEARTBEAT_TIMEOUT_SECONDS is dead: what it held (reps and visitors present, viewers) goes with it.
 */
export const CLUSTER_LIMITS = {
  /** How often a hub tells Redis it is alive and writes again what it holds (after a Redis restart too). */
  beatMs: 5000,
  /** How often one hub (claimed in Redis) looks for dead hubs and for reps and visitors no live hub holds. */
  sweepMs: 5000,
  /** While Redis is away, how often a hub reads the log by itself instead of waiting for a wake-up. */
  pollMs: 1000,
} as const;
