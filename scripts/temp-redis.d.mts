// Types for scripts/temp-redis.mjs (plain JavaScript so scripts can run it with node).
/** `port`: a given one (Redis restarted where it was), else a free one. */
export declare function startTempRedis(port?: number): Promise<{
  url: string;
  port: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}>;
