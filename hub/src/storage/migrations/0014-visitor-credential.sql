-- The visitor's credential (issue 14): a secret the hub mints, kept only as its SHA-256. The visitor
-- id stays the public handle reps see; it no longer opens a conversation on its own. Visitors from
-- before have no credential: their widget is given a new visitor at its next hello.
alter table visitors add column token_hash text;
create unique index visitors_token_hash on visitors (token_hash) where token_hash is not null;
