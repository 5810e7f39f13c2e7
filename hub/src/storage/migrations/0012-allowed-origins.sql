-- Web origins each chat allows its widget on (SPEC H2); empty: any.
-- Was migration 30 before migrations became numbered files.
alter table chats add column allowed_origins text[] not null default '{}';
