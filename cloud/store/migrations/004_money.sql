-- Campaigns, the double-entry ledger, orders from the host's order system, red packets, pool
-- splits and the grand prize.

create table campaigns (
  id text primary key,
  slug text not null unique,
  name text not null,
  status text not null check (status in ('draft', 'published', 'paused', 'ended')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  time_zone text not null,
  -- Reward rules, split schedule and budgets (see cloud/domain/campaign.ts).
  config jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (ends_at > starts_at)
);

-- Accounts of the ledger. Balances are a cache of the entries, kept in the same transaction;
-- ledgerCheck proves they agree. Only funding accounts (money from outside) may go negative.
create table accounts (
  id text primary key,
  kind text not null check (kind in ('funding', 'budget', 'grand_budget', 'reserve', 'pool', 'wallet')),
  balance_fen bigint not null default 0,
  check (kind = 'funding' or balance_fen >= 0)
);

create table ledger_transactions (
  id bigint generated always as identity primary key,
  -- What this movement is, once: `share:<shareId>`, `purchase:<orderId>:<lineNo>`,
  -- `split:<slot>:<groupId>`, … A second attempt at the same effect inserts nothing.
  effect_key text not null unique,
  kind text not null,
  created_at timestamptz not null
);

-- No foreign keys here on purpose: the split writes hundreds of thousands of entries at once,
-- and per-row key checks halved its speed. Entries are only written by cloud/store/ledger.ts
-- and cloud/jobs/poolSplit.ts, and ledgerCheck proves every entry names a real account and
-- transaction.
create table ledger_entries (
  id bigint generated always as identity primary key,
  transaction_id bigint not null,
  account_id text not null,
  amount_fen bigint not null check (amount_fen <> 0),
  created_at timestamptz not null
);

create index ledger_entries_account_idx on ledger_entries (account_id, id);
create index ledger_entries_transaction_idx on ledger_entries (transaction_id);

create table orders (
  id text primary key,
  user_id text not null references users (id),
  status text not null check (status in ('paid', 'partially_refunded', 'refunded')),
  total_fen bigint not null check (total_fen >= 0),
  refunded_fen bigint not null default 0 check (refunded_fen >= 0),
  paid_at timestamptz not null,
  source text not null check (source in ('webhook', 'demo')),
  check (refunded_fen <= total_fen)
);

create index orders_user_idx on orders (user_id);

create table order_lines (
  order_id text not null references orders (id),
  line_no integer not null,
  product_id text not null,
  price_fen bigint not null check (price_fen >= 0),
  qty integer not null check (qty > 0),
  refunded_qty integer not null default 0,
  share_id text,
  primary key (order_id, line_no),
  check (refunded_qty between 0 and qty)
);

create index order_lines_share_idx on order_lines (share_id) where share_id is not null;

-- Refund events, once each (by the event's refund id, or a digest of its body).
create table order_refunds (
  refund_key text primary key,
  order_id text not null references orders (id),
  amount_fen bigint not null,
  created_at timestamptz not null
);

create table red_packets (
  id text primary key,
  kind text not null check (kind in ('share', 'purchase', 'grand')),
  campaign_id text not null references campaigns (id),
  group_id text references groups (id),
  user_id text not null references users (id),
  amount_fen bigint not null check (amount_fen > 0),
  -- A purchase packet is reserved (pending) when the order is paid, posted into the pool at the
  -- next split, or voided when the line is refunded before then.
  status text not null check (status in ('pending', 'posted', 'voided')),
  share_id text,
  item_id text,
  order_id text,
  line_no integer,
  created_at timestamptz not null,
  settled_at timestamptz
);

-- One share reward per user and item; one purchase packet per buyer and share.
create unique index red_packets_share_once_idx on red_packets (user_id, item_id) where kind = 'share';
create unique index red_packets_purchase_once_idx on red_packets (user_id, share_id) where kind = 'purchase';
create index red_packets_pending_idx on red_packets (group_id, created_at) where status = 'pending';

create table splits (
  slot timestamptz not null,
  group_id text not null references groups (id),
  campaign_id text not null references campaigns (id),
  policy text not null,
  total_fen bigint not null,
  member_count integer not null,
  -- Each member's share is the ledger entry of the split's transaction (`split:<slot>:<group>`).
  created_at timestamptz not null,
  primary key (group_id, slot)
);


create table split_runs (
  slot timestamptz primary key,
  campaign_id text not null references campaigns (id),
  started_at timestamptz not null,
  completed_at timestamptz,
  groups_split integer not null default 0,
  total_fen bigint not null default 0
);

create table grand_prize_draws (
  campaign_id text primary key references campaigns (id),
  seed_hash text not null,
  seed text,
  committed_at timestamptz not null,
  drawn_at timestamptz,
  eligible jsonb,
  winners jsonb
);

-- One draw per user and item, whatever its outcome: re-sharing an item does not re-roll.
create table share_draws (
  user_id text not null references users (id),
  item_id text not null,
  share_id text not null,
  campaign_id text not null references campaigns (id),
  amount_fen bigint,
  created_at timestamptz not null,
  primary key (user_id, item_id)
);

create index share_draws_user_day_idx on share_draws (user_id, created_at) where amount_fen is not null;

-- The secret seed of a committed draw, apart from the published row until the draw reveals it.
create table grand_prize_seeds (
  campaign_id text primary key references grand_prize_draws (campaign_id),
  seed text not null
);
