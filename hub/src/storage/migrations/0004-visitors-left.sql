-- Visitors who left: abandoned conversations.
-- Was migration 4 before migrations became numbered files.
alter table visitors add column left_at timestamptz;
