-- Recommendations that keep up (issue 20, FEATURES E11). The card's recommendations were computed
-- from every purchase line at each read (a self-join of crm_purchases): about 3 s a card with a
-- million order lines. Now two counts are kept as purchases arrive and go, by triggers, so they hold
-- whichever writer changed crm_purchases (the data API, shop webhooks, the widget's checkout, the
-- demo seed, erasure, a deleted record's cascade):
--   crm_product_buyers: per product, the number of distinct customers who bought it;
--   crm_co_purchases:   per ordered pair of products, the number of distinct customers who bought both.
-- A customer's line counts only when it is their first of that product (added) or their last (removed).
-- Row-level BEFORE triggers see the rows earlier in the same statement, so an order's several lines
-- count one at a time. One advisory lock, held to commit, queues the transactions that change
-- purchases: their statements then see each other's committed lines, and counters are never taken in
-- crossing orders (no deadlock). No personal data: product ids and counts.
create table crm_product_buyers (
  product_id text primary key references crm_products(id) on delete cascade,
  buyers integer not null
);
create table crm_co_purchases (
  product_id text not null references crm_products(id) on delete cascade,
  other_id text not null references crm_products(id) on delete cascade,
  buyers integer not null,
  primary key (product_id, other_id)
);

-- +1 or -1 for customer c gaining or losing product p (row `line` aside), against what else c owns.
create function crm_co_purchase_count(c text, p text, line text, delta integer) returns void
language plpgsql as $$
begin
  if exists (select 1 from crm_purchases where contact_id = c and product_id = p and id <> line) then
    return;
  end if;
  insert into crm_product_buyers (product_id, buyers) values (p, greatest(delta, 0))
    on conflict (product_id) do update set buyers = crm_product_buyers.buyers + delta;
  insert into crm_co_purchases (product_id, other_id, buyers)
    select x, y, greatest(delta, 0) from (
      select p as x, o.product_id as y from crm_purchases o where o.contact_id = c and o.product_id <> p and o.id <> line
      union
      select o.product_id, p from crm_purchases o where o.contact_id = c and o.product_id <> p and o.id <> line
    ) pairs
    on conflict (product_id, other_id) do update set buyers = crm_co_purchases.buyers + delta;
  if delta < 0 then
    delete from crm_product_buyers where product_id = p and buyers <= 0;
    delete from crm_co_purchases where (product_id = p or other_id = p) and buyers <= 0;
  end if;
end $$;

create function crm_purchase_counted() returns trigger
language plpgsql as $$
begin
  perform pg_advisory_xact_lock(4242003);
  if tg_op = 'INSERT' then
    perform crm_co_purchase_count(new.contact_id, new.product_id, new.id, 1);
    return new;
  end if;
  perform crm_co_purchase_count(old.contact_id, old.product_id, old.id, -1);
  return old;
end $$;

create trigger crm_purchases_counted before insert or delete on crm_purchases
  for each row execute function crm_purchase_counted();

-- Nothing moves a line to another customer or product; should something start to, the counts must follow.
create function crm_purchase_not_moved() returns trigger
language plpgsql as $$
begin
  raise exception 'a purchase line keeps its customer and product: delete it and insert another';
end $$;
create trigger crm_purchases_not_moved before update of contact_id, product_id on crm_purchases
  for each row execute function crm_purchase_not_moved();

-- Both counts afresh from the purchase lines, set-based: for the lines already held, and for a bulk
-- load made with the trigger disabled (the bench's million generated lines).
create function crm_co_purchases_rebuild() returns void
language plpgsql as $$
begin
  perform pg_advisory_xact_lock(4242003);
  delete from crm_product_buyers;
  delete from crm_co_purchases;
  insert into crm_product_buyers (product_id, buyers)
    select product_id, count(distinct contact_id) from crm_purchases group by product_id;
  insert into crm_co_purchases (product_id, other_id, buyers)
    select a.product_id, b.product_id, count(*)
      from (select distinct contact_id, product_id from crm_purchases) a
      join (select distinct contact_id, product_id from crm_purchases) b
        on b.contact_id = a.contact_id and b.product_id <> a.product_id
     group by a.product_id, b.product_id;
end $$;
select crm_co_purchases_rebuild();
