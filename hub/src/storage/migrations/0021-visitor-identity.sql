-- Who a visitor is (issue 14). An email a visitor types is a claim: it reaches no customer record,
-- no earlier conversation and no transcript. One the shop's server signed with the chat's secret
-- (identity verification, HMAC-SHA256) is verified. Emails stored before are claims.
alter table visitors add column email_verified boolean not null default false;
-- The record a rep linked the conversation to after checking who the visitor is (an order number,
-- a call); null: none. Not a foreign key: the record may live in an external CRM (connector.ts).
alter table conversations add column contact_id text;
create index conversations_contact on conversations (contact_id) where contact_id is not null;
-- The chat's identity-verification secret, the key the shop's server signs emails with; null: off.
-- Kept as is (HMAC needs the key itself); shown to a super user once, when made.
alter table chats add column identity_secret text;
-- The record's feed says when a rep linked a conversation to it.
alter table crm_activity drop constraint crm_activity_type_check;
alter table crm_activity add constraint crm_activity_type_check check (type in ('chat', 'note', 'email', 'task', 'lead', 'link'));
