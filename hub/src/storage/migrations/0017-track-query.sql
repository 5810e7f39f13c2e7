-- Page tracking keeps only origin and path of the pages a visitor views or writes from, unless the
-- chat opts in to query strings and fragments too (issue 14).
alter table chats add column track_query boolean not null default false;
