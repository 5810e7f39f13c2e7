-- Analytics reads (SPEC H4): the leads made from a conversation, looked up per row of a streamed
-- conversation list; facts written since a range began, for ranges shorter than the whole history.
create index crm_contacts_source_conversation on crm_contacts (source_conversation_id) where source_conversation_id is not null;
create index conversation_facts_at on conversation_facts (at);
