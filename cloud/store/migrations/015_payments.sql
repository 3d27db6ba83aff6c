-- Real payments (WeChat Pay, Alipay, and the local demo provider), their refunds, and wallet
-- withdrawals. A payment is written as an intent and committed before the provider is called;
-- every later step (the provider's order created, paid, closed, refunded) is recorded after its
-- call answers, so a crash between any two steps leaves a row that the reconciler
-- (reconcilePayments, every minute) finishes from what the provider says.
create table payments (
  -- Our out_trade_no at the provider: 24 hex characters, within both providers' rules.
  id text primary key,
  user_id text not null references users (id),
  provider text not null check (provider in ('demo', 'wechatpay', 'alipay')),
  -- What it pays for: a seat in a group buy, or a member's part of a pooled order.
  purpose text not null check (purpose in ('group_buy', 'pooled_order')),
  target_id text not null,
  campaign_id text not null references campaigns (id),
  request_id text not null,
  -- What the provider collects, and the red-packet money spent from the wallet besides.
  amount_fen bigint not null check (amount_fen >= 0),
  wallet_fen bigint not null check (wallet_fen >= 0),
  status text not null check (status in ('pending', 'paid', 'closed', 'refunding', 'refunded')),
  -- The payer's id at the provider (WeChat openid, Alipay user id).
  payer_id text,
  -- What the client's cashier takes; null until the provider's order exists.
  params jsonb,
  provider_trade_id text,
  -- The amount the provider reported paid (a mismatch is refunded, never accepted).
  provider_paid_fen bigint,
  expires_at timestamptz not null,
  created_at timestamptz not null,
  paid_at timestamptz,
  closed_at timestamptz,
  -- The last time the reconciler asked the provider about it.
  checked_at timestamptz,
  -- Money sent back so far (both parts).
  refunded_fen bigint not null default 0
);

-- One live intent per payer and thing paid for: a retry finds it instead of paying twice.
create unique index payments_live_idx on payments (user_id, purpose, target_id) where status = 'pending';
create index payments_user_idx on payments (user_id, created_at desc, id desc);
create index payments_pending_idx on payments (created_at) where status = 'pending';
create index payments_campaign_idx on payments (campaign_id, created_at desc);

-- A refund of a payment's provider part, once per effect (its id is our out_refund_no).
create table payment_refunds (
  id text primary key,
  payment_id text not null references payments (id),
  effect_key text not null unique,
  amount_fen bigint not null check (amount_fen > 0),
  reason text not null,
  -- pending: not yet accepted by the provider (retried with backoff); processing: accepted;
  -- succeeded; failed: the provider gave up and an operator must look.
  status text not null check (status in ('pending', 'processing', 'succeeded', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  provider_refund_id text,
  fail_reason text,
  created_at timestamptz not null,
  finished_at timestamptz
);

create index payment_refunds_payment_idx on payment_refunds (payment_id);
create index payment_refunds_open_idx on payment_refunds (next_attempt_at) where status in ('pending', 'processing');

-- Red-packet money moved out of the wallet through the provider's transfer API (its id is our
-- out_bill_no / out_biz_no). The wallet is debited when the row is written; a failure credits it back.
create table withdrawals (
  id text primary key,
  user_id text not null references users (id),
  request_id text not null,
  provider text not null check (provider in ('demo', 'wechatpay', 'alipay')),
  amount_fen bigint not null check (amount_fen > 0),
  payee_id text,
  -- pending: not yet accepted by the provider, or accepted and on its way; confirming: WeChat
  -- waits for the user's confirmation in the app; succeeded; failed (the money is back in the wallet).
  status text not null check (status in ('pending', 'confirming', 'succeeded', 'failed')),
  submitted boolean not null default false,
  params jsonb,
  fail_reason text,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  created_at timestamptz not null,
  finished_at timestamptz,
  unique (user_id, request_id)
);

create index withdrawals_user_idx on withdrawals (user_id, created_at desc);
create index withdrawals_open_idx on withdrawals (next_attempt_at) where status in ('pending', 'confirming');

-- A seat or a part held while its payment is on its way; released when the payment closes unpaid.
alter table group_buy_members drop constraint group_buy_members_status_check;
alter table group_buy_members add constraint group_buy_members_status_check
  check (status in ('pending', 'paid', 'left', 'refunded', 'released'));
alter table group_buy_members add column payment_id text;

alter table pooled_order_payments drop constraint pooled_order_payments_status_check;
alter table pooled_order_payments add constraint pooled_order_payments_status_check
  check (status in ('due', 'pending', 'paid', 'refunded', 'void'));
alter table pooled_order_payments add column payment_id text;
