-- Chats each rep works in (SPEC A2); null means all of theirs.
-- Was migration 6 before migrations became numbered files.
alter table reps add column work_chats text[];
