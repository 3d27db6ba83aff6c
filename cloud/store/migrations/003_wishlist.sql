-- The product catalog, the shared product list (group list and each member's Double 11 list),
-- wants, shares, and the requestIds that make adding and sharing idempotent.
create table products (
  -- The Taobao/Tmall numeric item id, so that a pasted item link resolves to its catalog row.
  id text primary key check (id ~ '^[1-9][0-9]{5,18}$'),
  title text not null,
  shop_name text not null,
  category text not null,
  price_fen bigint not null check (price_fen >= 0),
  image_url text,
  -- A share code (淘口令) known to point at this item; null when none is known.
  share_code text unique,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create index products_category_idx on products (category, id);

create table wishlist_items (
  id text primary key,
  -- Insertion order: the list shows newest first and pages by it.
  seq bigint generated always as identity,
  group_id text not null references groups (id),
  list text not null check (list in ('group', 'double11')),
  -- What identifies the product: a Taobao/Tmall item id, or a share code that could not be resolved.
  ref_kind text not null check (ref_kind in ('item_id', 'share_code')),
  item_ref text not null,
  -- Set when the product is in the catalog; null for a recognised but unresolved item.
  product_id text references products (id),
  note text not null default '',
  added_by text not null references users (id),
  want_count integer not null default 0 check (want_count >= 0),
  share_count integer not null default 0 check (share_count >= 0),
  bought_by text references users (id),
  bought_at timestamptz,
  created_at timestamptz not null,
  removed_at timestamptz,
  removed_by text references users (id)
);

-- One live entry per product in a group's list, and per product in each member's Double 11 list:
-- concurrent adds of the same product meet here (insert ... on conflict) and merge.
create unique index wishlist_items_group_ref_idx on wishlist_items (group_id, ref_kind, item_ref)
  where list = 'group' and removed_at is null;
create unique index wishlist_items_double11_ref_idx on wishlist_items (group_id, added_by, ref_kind, item_ref)
  where list = 'double11' and removed_at is null;
create index wishlist_items_group_seq_idx on wishlist_items (group_id, seq desc) where removed_at is null;

create table wishlist_add_requests (
  user_id text not null references users (id),
  request_id text not null,
  item_id text not null references wishlist_items (id),
  -- The first reply said the add merged into an existing entry; a retry says the same.
  merged boolean not null,
  created_at timestamptz not null,
  primary key (user_id, request_id)
);

-- A want is withdrawn by clearing `active`, not by deleting, so that wanting again does not
-- post a second feed event.
create table wishlist_wants (
  item_id text not null references wishlist_items (id),
  user_id text not null references users (id),
  active boolean not null,
  created_at timestamptz not null,
  primary key (item_id, user_id)
);

create table item_shares (
  id text primary key,
  group_id text not null references groups (id),
  item_id text not null references wishlist_items (id),
  user_id text not null references users (id),
  request_id text not null,
  created_at timestamptz not null,
  unique (user_id, request_id)
);

create index item_shares_user_day_idx on item_shares (user_id, created_at);
create index item_shares_item_idx on item_shares (item_id);
