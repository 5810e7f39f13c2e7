import { startTempRedis } from '../../scripts/temp-redis.mjs';

/** A real redis-server for one test file, on a free loopback port, its folder in a temp dir, no persistence. */
export const startRedis = () => startTempRedis();
