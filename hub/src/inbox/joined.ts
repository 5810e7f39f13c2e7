/**
 * A rep joins a conversation (take, first reply, a transfer to them, the bot's hand-over): the SQL
 * SET clause that records the first join, when and who, for time to first response (FEATURES H4). `$2`
 * is the rep joining. In an UPDATE every right-hand side sees the row as it was, so the case reads
 * the old `first_rep_at`: a later join leaves both as they are.
 */
export const JOINED = `first_rep_id = case when first_rep_at is null then $2 else first_rep_id end, first_rep_at = coalesce(first_rep_at, clock_timestamp())`;
