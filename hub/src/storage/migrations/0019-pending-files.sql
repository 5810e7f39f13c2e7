-- Visitor files waiting for a review (FEATURES D4, I4): the hub's sweep finds those past
-- FILE_LIMITS.unreviewedHours each minute (files/expiry.ts) without reading every file's row.
create index files_pending on files (created_at) where uploader = 'visitor' and status = 'pending';
