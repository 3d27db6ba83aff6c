-- The shoppers' message centre: one row per event a user is told about (a split paid her, a red
-- packet arrived or unlocked, a group buy succeeded or failed, a pooled order closes soon or was
-- placed, she was removed from a group). Written in the transaction of the event itself, keyed by
-- the event (effect_key), so a retried or repeated event notifies once. No foreign key to users:
-- a split writes thousands of these in one statement, and the check would cost it more than the
-- rows (the ledger's entries leave it out for the same reason).
create table notifications (
  id text primary key,
  user_id text not null,
  kind text not null,
  effect_key text not null unique,
  payload jsonb not null,
  created_at timestamptz not null,
  read_at timestamptz
);

-- A user's list, newest first, and her unread count (polled by the app).
create index notifications_user_idx on notifications (user_id, created_at desc, id desc);
create index notifications_unread_idx on notifications (user_id) where read_at is null;

-- One-time subscribe messages a user accepted (wx.requestSubscribeMessage): each acceptance of a
-- topic's template allows one message, counted here; the sender spends one per message it sends.
create table notification_subscriptions (
  user_id text not null,
  topic text not null,
  provider text not null check (provider in ('weapp')),
  template_id text not null,
  remaining integer not null check (remaining >= 0),
  updated_at timestamptz not null,
  primary key (user_id, topic)
);

-- Messages to send through the platform (the outbox): enqueued in the notification's transaction,
-- sent after the commit by a leased job with retries and backoff. One per notification.
create table notification_outbox (
  notification_id text primary key,
  user_id text not null,
  provider text not null check (provider in ('weapp')),
  template_id text not null,
  -- skipped: nothing to send it with (the acceptance was spent, or the user has no WeChat openid).
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'skipped')),
  -- Whether this message has spent one of the user's acceptances (once, before the first try).
  spent boolean not null default false,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  last_error text,
  created_at timestamptz not null,
  sent_at timestamptz
);

create index notification_outbox_due_idx on notification_outbox (next_attempt_at) where status = 'pending';
