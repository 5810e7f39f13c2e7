import { randomUUID } from 'node:crypto';

/** Prefixed ids: readable in logs, unique without a round trip to the database. */
export const newId = (prefix: 'c' | 'm' | 'f' | 'v' | 'r' | 'q' | 'ch' | 'cu' | 'tp' | 'n') => `${prefix}_${randomUUID().replaceAll('-', '')}`;
