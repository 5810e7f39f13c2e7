-- Analytics (SPEC H4, C1): who joined a conversation first, when it was missed, and what happened on
-- the way (offers that lapsed, transfers) as append-only rows, so every figure is a query over stored
-- rows (hub/src/analytics/), never a counter kept beside them.
alter table conversations
  -- the rep who joined first (take, first reply, transfer to them, the bot's hand-over); set with first_rep_at
  add column first_rep_id text references reps(id) on delete set null,
  -- no rep had joined when the visitor left for good ('left') or the chat's hours ended ('closed'); never cleared
  add column missed_at timestamptz,
  add column missed_reason text check (missed_reason in ('left', 'closed'));
-- Conversations joined before this file: the first snapshot in the event log with an owner names who joined.
update conversations c set first_rep_id = f.owner
  from (select distinct on (conversation_id) conversation_id, payload->'conversation'->>'ownerId' as owner
          from events
         where kind in ('conversation.opened', 'conversation.updated') and conversation_id is not null
           and payload->'conversation'->>'ownerId' is not null
         order by conversation_id, id) f
 where f.conversation_id = c.id and c.first_rep_at is not null and exists (select 1 from reps r where r.id = f.owner);
create table conversation_facts (
  id bigserial primary key,
  conversation_id text not null references conversations(id) on delete cascade,
  kind text not null check (kind in ('offer_lapsed', 'transferred')),
  -- offer_lapsed: the rep whose offer lapsed; transferred: the owner it was moved from (null: it was waiting)
  rep_id text references reps(id) on delete set null,
  -- transferred: who moved it (the owner or a supervisor), and where to: a rep or a queue
  by_rep_id text references reps(id) on delete set null,
  to_rep_id text references reps(id) on delete set null,
  to_queue_id text references queues(id) on delete set null,
  at timestamptz not null default clock_timestamp()
);
create index conversation_facts_conversation on conversation_facts (conversation_id, kind);
-- Figures select conversations by when they were opened.
create index conversations_created on conversations (created_at, id);
-- The one-second sweep looks for waiting conversations nobody joined that may have been missed.
create index conversations_unjoined on conversations (chat_id) where status = 'pending' and first_rep_at is null and missed_at is null;
