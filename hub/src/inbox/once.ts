import type { Sql } from '../storage/db';
import { HubError } from './errors';

/**
 * Runs a command at most once per (sender, client id) inside the caller's transaction: the first
 * run stores its result; a retry (e.g. after a lost ack) gets that stored result back and changes
 * nothing. A refused command rolls back and stores nothing, so its retry is judged afresh.
 */
export async function once<T>(
  tx: Sql,
  senderKey: string,
  clientId: string,
  command: string,
  run: () => Promise<T>,
): Promise<{ result: T; repeated: boolean }> {
  // The lock makes a concurrent retry wait for the first attempt instead of racing it.
  await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`${senderKey}/${clientId}`]);
  const [stored] = await tx.query<{ command: string; result: T }>(
    'select command, result from command_results where sender_key = $1 and client_id = $2',
    [senderKey, clientId],
  );
  if (stored) {
    if (stored.command !== command)
      throw new HubError('conflict', `client id ${clientId} was already used for a ${stored.command}`);
    return { result: stored.result, repeated: true };
  }
  const result = await run();
  await tx.query('insert into command_results (sender_key, client_id, command, result) values ($1, $2, $3, $4)', [
    senderKey,
    clientId,
    command,
    JSON.stringify(result ?? null),
  ]);
  return { result, repeated: false };
}
