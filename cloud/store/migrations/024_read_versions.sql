-- Versions of what the screens opened most show, so that a host can keep their answers in memory
-- and check with one small read that they are still current (cloud/readCache.ts).
--
-- A scope is 'group:<id>' (a group's list, feed, members and status), 'notices:<user id>' (her
-- message centre), 'orders:<user id>' (her order history) or 'shared' (what many scopes show:
-- names and avatars, group names, the catalog). Every change to a row a
-- scope shows moves its version by one, in the same transaction as the change.
--
-- The triggers are deferred: the version row is taken at commit, after every other lock of the
-- transaction, so a writer never holds it while waiting for something else, and concurrent
-- writers to one group queue on it only for the moment of their commit. Because the row is
-- updated in place, versions move in commit order: a reader that sees version n sees every change
-- committed before it (a sequence would not do: numbers are taken in one order and committed in
-- another).
create table read_versions (
  scope text primary key,
  version bigint not null
);

-- A row without its owner (a null user_id) belongs to no scope. A transaction moves a scope once:
-- when the row's last writer is this very transaction, the version already differs from every
-- version committed before, and the changes commit with it (a share writes its share, its item,
-- its feed line: one new version, not three).
-- PL/pgSQL, not SQL: a PL/pgSQL function keeps its statement's plan for the connection, a SQL
-- function called from a trigger plans it again on every call.
create function bump_read_version(p_scope text) returns void
language plpgsql as $$
begin
  if p_scope is null then
    return;
  end if;
  insert into read_versions as v (scope, version) values (p_scope, 1)
  on conflict (scope) do update set version = v.version + 1
  where v.xmin <> pg_current_xact_id()::xid;
end $$;

-- Rows that carry their group in group_id: the list, its shares, the feed, the members.
create function bump_group_of_row() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform bump_read_version('group:' || old.group_id);
  else
    perform bump_read_version('group:' || new.group_id);
  end if;
  return null;
end $$;

create function bump_group_row() returns trigger
language plpgsql as $$
begin
  perform bump_read_version('group:' || new.id);
  return null;
end $$;

-- A want names its item; the item names the group.
create function bump_group_of_want() returns trigger
language plpgsql as $$
declare
  v_item text;
begin
  if tg_op = 'DELETE' then v_item := old.item_id; else v_item := new.item_id; end if;
  perform bump_read_version('group:' || group_id) from wishlist_items where id = v_item;
  return null;
end $$;

-- Rows that carry their user in user_id; the scope's prefix is the trigger's argument.
create function bump_user_of_row() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform bump_read_version(tg_argv[0] || ':' || old.user_id);
  else
    perform bump_read_version(tg_argv[0] || ':' || new.user_id);
  end if;
  return null;
end $$;

-- An order line names its order; the order names its buyer.
create function bump_orders_of_line() returns trigger
language plpgsql as $$
begin
  perform bump_read_version('orders:' || user_id) from orders where id = new.order_id;
  return null;
end $$;

-- A pooled order's or a group buy's state shows in the history of everyone in it (in the order
-- of their ids, so that two such writers take the version rows in the same order).
create function bump_orders_of_pooled_order() returns trigger
language plpgsql as $$
begin
  perform bump_read_version('orders:' || user_id)
  from (select distinct user_id from pooled_order_payments where pooled_order_id = new.id order by user_id) u;
  return null;
end $$;

create function bump_orders_of_group_buy() returns trigger
language plpgsql as $$
begin
  perform bump_read_version('orders:' || user_id)
  from (select distinct user_id from group_buy_members where group_buy_id = new.id order by user_id) u;
  return null;
end $$;

create function bump_shared() returns trigger
language plpgsql as $$
begin
  perform bump_read_version('shared');
  return null;
end $$;

create constraint trigger groups_read_version after insert or update on groups
  deferrable initially deferred for each row execute function bump_group_row();
create constraint trigger group_members_read_version after insert or update or delete on group_members
  deferrable initially deferred for each row execute function bump_group_of_row();
create constraint trigger group_events_read_version after insert or update or delete on group_events
  deferrable initially deferred for each row execute function bump_group_of_row();
create constraint trigger wishlist_items_read_version after insert or update or delete on wishlist_items
  deferrable initially deferred for each row execute function bump_group_of_row();
create constraint trigger item_shares_read_version after insert or update or delete on item_shares
  deferrable initially deferred for each row execute function bump_group_of_row();
create constraint trigger wishlist_wants_read_version after insert or update or delete on wishlist_wants
  deferrable initially deferred for each row execute function bump_group_of_want();
create constraint trigger notifications_read_version after insert or update or delete on notifications
  deferrable initially deferred for each row execute function bump_user_of_row('notices');
create constraint trigger orders_read_version after insert or update on orders
  deferrable initially deferred for each row execute function bump_user_of_row('orders');
create constraint trigger order_lines_read_version after insert or update on order_lines
  deferrable initially deferred for each row execute function bump_orders_of_line();
create constraint trigger payments_read_version after insert or update on payments
  deferrable initially deferred for each row execute function bump_user_of_row('orders');
create constraint trigger red_packets_read_version after insert or update on red_packets
  deferrable initially deferred for each row execute function bump_user_of_row('orders');
create constraint trigger pooled_order_payments_read_version after insert or update on pooled_order_payments
  deferrable initially deferred for each row execute function bump_user_of_row('orders');
create constraint trigger pooled_order_lines_read_version after insert or update or delete on pooled_order_lines
  deferrable initially deferred for each row execute function bump_user_of_row('orders');
create constraint trigger pooled_orders_read_version after update on pooled_orders
  deferrable initially deferred for each row execute function bump_orders_of_pooled_order();
create constraint trigger group_buy_members_read_version after insert or update on group_buy_members
  deferrable initially deferred for each row execute function bump_user_of_row('orders');
create constraint trigger group_buys_read_version after update on group_buys
  deferrable initially deferred for each row execute function bump_orders_of_group_buy();
-- A deal's product is edited in place only while the deal has no group buys (otherwise a new
-- version is made), so no history shows a deal row that changes.
-- Names and avatars show in every group a member is or was in; the catalog in every list and
-- history; a group's name in the histories of everyone who bought with it.
create constraint trigger groups_name_read_version after update on groups
  deferrable initially deferred for each row
  when (old.name is distinct from new.name)
  execute function bump_shared();
create constraint trigger users_read_version after update on users
  deferrable initially deferred for each row
  when (old.nickname is distinct from new.nickname or old.avatar_url is distinct from new.avatar_url)
  execute function bump_shared();
-- A new product is in no list yet: only changes matter (a catalog import inserts thousands).
create constraint trigger products_read_version after update or delete on products
  deferrable initially deferred for each row execute function bump_shared();
