-- The console's catalog (issue 20; FEATURES E10): a super user hides a product from the rep's gallery
-- and from recommendations (a discontinued one, a bundle's parts) without deleting it, so the
-- purchases and carts that name it keep it. Imports and the data API's upserts never change the flag.
alter table crm_products add column hidden boolean not null default false;
