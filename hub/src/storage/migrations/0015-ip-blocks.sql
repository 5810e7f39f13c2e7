-- IP blocks (SPEC I4, hub/src/net/ip-blocks.ts): the address part of a block ends on its own, at most
-- LIMITS.ipBlockMaxDays (7 when this was written) after it was made, however long the visitor's block
-- lasts; and a block whose address may not be blocked (private, loopback, a trusted proxy) says why.
alter table blocks add column ip_until timestamptz, add column ip_refused text;
-- Blocks made before: addresses are now compared as written by ip-blocks.ts, IPv4 without the IPv6 prefix.
update blocks set ip = substr(ip, 8) where ip like '::ffff:%.%';
update blocks set ip_until = least(coalesce(until, created_at + interval '7 days'), created_at + interval '7 days') where ip is not null;
