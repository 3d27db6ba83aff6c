-- Users, their login identities at WeChat / Alipay, and sessions.
create table users (
  id text primary key,
  username text not null unique,
  password_hash text,
  nickname text not null default '',
  avatar_url text not null default '',
  gender text not null default 'unknown' check (gender in ('female', 'male', 'unknown')),
  taoqi integer not null default 0 check (taoqi >= 0),
  roles text[] not null default '{}',
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table auth_identities (
  provider text not null check (provider in ('lc_weapp', 'lc_alipay')),
  provider_uid text not null,
  user_id text not null references users (id) on delete cascade,
  created_at timestamptz not null,
  primary key (provider, provider_uid)
);

create table sessions (
  token text primary key,
  user_id text not null references users (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null
);

create index sessions_user_idx on sessions (user_id);
