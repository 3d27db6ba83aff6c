-- Coupons (领券), pooled orders (领券拼单) and group buys (拼团).
--
-- Shoppers' payments come from outside the ledger: each shopper has a 'payment' account that,
-- like a campaign's 'funding' account, goes negative by what she has paid in. Money paid for a
-- pooled order or a group buy waits in an 'escrow' account of that order until it is placed
-- (escrow -> 'merchant') or refunded (escrow -> payment).
alter table accounts drop constraint accounts_kind_check;
alter table accounts add constraint accounts_kind_check
  check (kind in ('funding', 'budget', 'grand_budget', 'reserve', 'pool', 'wallet', 'payment', 'escrow', 'merchant'));
alter table accounts drop constraint accounts_check;
alter table accounts add constraint accounts_check check (kind in ('funding', 'payment') or balance_fen >= 0);

create table coupon_templates (
  id text primary key,
  campaign_id text not null references campaigns (id),
  kind text not null check (kind in ('cross_store', 'shop')),
  title text not null,
  -- The shop a shop coupon applies to, matched against products.shop_name.
  shop_name text,
  threshold_fen bigint not null check (threshold_fen >= 0),
  discount_fen bigint not null check (discount_fen > 0),
  -- Cross-store coupons repeat (every threshold_fen off discount_fen), up to cap_fen per order.
  cap_fen bigint,
  stock_total integer not null check (stock_total >= 0),
  -- Claims take stock with `update ... set stock = stock - 1 where stock > 0`: never below zero.
  stock integer not null check (stock >= 0 and stock <= stock_total),
  per_user_limit integer not null check (per_user_limit >= 1),
  created_at timestamptz not null,
  check ((kind = 'shop') = (shop_name is not null)),
  check (kind = 'shop' or (threshold_fen > discount_fen and (cap_fen is null or cap_fen >= discount_fen)))
);

create index coupon_templates_campaign_idx on coupon_templates (campaign_id, id);

create table user_coupons (
  id text primary key,
  template_id text not null references coupon_templates (id),
  user_id text not null references users (id),
  -- The claim's requestId: a retried claim finds its coupon here instead of taking stock again.
  request_id text not null,
  status text not null check (status in ('available', 'used')),
  -- The pooled order that uses the coupon; cleared when that order expires.
  pooled_order_id text,
  claimed_at timestamptz not null,
  used_at timestamptz,
  unique (user_id, request_id)
);

create index user_coupons_user_idx on user_coupons (user_id, template_id);

create table pooled_orders (
  id text primary key,
  group_id text not null references groups (id),
  campaign_id text not null references campaigns (id),
  created_by text not null references users (id),
  request_id text not null,
  deadline timestamptz not null,
  -- open: members add lines; confirming: the plan is frozen and members pay their parts;
  -- placed: everyone paid, the orders went out; expired: the deadline passed first, all refunded.
  status text not null check (status in ('open', 'confirming', 'placed', 'expired')),
  -- The planner's plan, frozen at the first confirmation (null while open).
  plan jsonb,
  created_at timestamptz not null,
  settled_at timestamptz,
  unique (created_by, request_id)
);

create index pooled_orders_group_idx on pooled_orders (group_id, created_at desc);
create index pooled_orders_due_idx on pooled_orders (deadline) where status in ('open', 'confirming');

create table pooled_order_lines (
  id text primary key,
  pooled_order_id text not null references pooled_orders (id),
  user_id text not null references users (id),
  item_id text not null references wishlist_items (id),
  product_id text not null references products (id),
  shop_name text not null,
  title text not null,
  -- The catalog price when the line was added: the plan and the payment use this price.
  unit_price_fen bigint not null check (unit_price_fen > 0),
  qty integer not null check (qty > 0),
  created_at timestamptz not null,
  unique (pooled_order_id, user_id, item_id)
);

-- One row per member with lines once the plan is frozen: what she owes and whether she paid.
create table pooled_order_payments (
  pooled_order_id text not null references pooled_orders (id),
  user_id text not null references users (id),
  due_fen bigint not null check (due_fen > 0),
  status text not null check (status in ('due', 'paid', 'refunded', 'void')),
  request_id text,
  paid_at timestamptz,
  refunded_at timestamptz,
  primary key (pooled_order_id, user_id)
);

create table deals (
  id text primary key,
  campaign_id text not null references campaigns (id),
  product_id text not null references products (id),
  group_price_fen bigint not null check (group_price_fen > 0),
  size integer not null check (size between 2 and 50),
  time_limit_hours integer not null check (time_limit_hours between 1 and 168),
  -- 模拟成团: at the deadline a group buy with at least one paid member succeeds anyway.
  virtual_completion boolean not null default false,
  created_at timestamptz not null
);

create index deals_campaign_idx on deals (campaign_id, id);

create table group_buys (
  id text primary key,
  deal_id text not null references deals (id),
  leader_id text not null references users (id),
  opened_by text not null references users (id),
  open_request_id text not null,
  size integer not null,
  -- Seats are taken with `update ... where seats_taken < size`: never more than the size.
  seats_taken integer not null check (seats_taken >= 0 and seats_taken <= size),
  status text not null check (status in ('open', 'succeeded', 'failed')),
  expires_at timestamptz not null,
  created_at timestamptz not null,
  settled_at timestamptz,
  -- succeeded: 'full' or 'virtual'; failed: 'expired' or 'abandoned' (everyone left).
  outcome text,
  unique (opened_by, open_request_id)
);

create index group_buys_due_idx on group_buys (expires_at) where status = 'open';
create index group_buys_leader_idx on group_buys (leader_id) where status = 'open';

create table group_buy_members (
  group_buy_id text not null references group_buys (id),
  user_id text not null references users (id),
  request_id text not null,
  amount_fen bigint not null check (amount_fen > 0),
  -- paid: holds a seat; left: gave the seat back and was refunded; refunded: the buy failed.
  status text not null check (status in ('paid', 'left', 'refunded')),
  joined_at timestamptz not null,
  refunded_at timestamptz,
  primary key (group_buy_id, user_id)
);

create index group_buy_members_user_idx on group_buy_members (user_id);
