-- Groups (小黑群), their members, invitations, removals and the group feed.
create table groups (
  id text primary key,
  name text not null,
  owner_id text not null references users (id),
  created_by text not null references users (id),
  create_request_id text not null,
  member_count integer not null default 0,
  min_members integer not null,
  max_members integer not null,
  status text not null check (status in ('forming', 'active', 'dissolved')),
  created_at timestamptz not null,
  dissolved_at timestamptz,
  -- The cap is also a constraint: a bug elsewhere cannot put a 16th member in.
  check (member_count >= 0 and member_count <= max_members),
  unique (created_by, create_request_id)
);

create index groups_created_by_idx on groups (created_by) where status <> 'dissolved';

create table group_members (
  group_id text not null references groups (id),
  user_id text not null references users (id),
  role text not null check (role in ('owner', 'member')),
  joined_at timestamptz not null,
  primary key (group_id, user_id)
);

create index group_members_user_idx on group_members (user_id);

create table group_removals (
  group_id text not null references groups (id),
  user_id text not null references users (id),
  removed_at timestamptz not null,
  primary key (group_id, user_id)
);

create table invites (
  code text primary key,
  group_id text not null references groups (id),
  created_by text not null references users (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz
);

create index invites_group_idx on invites (group_id);

create table group_events (
  id bigint generated always as identity primary key,
  group_id text not null references groups (id),
  type text not null,
  actor_id text references users (id),
  subject_id text references users (id),
  data jsonb not null default '{}',
  created_at timestamptz not null
);

create index group_events_group_idx on group_events (group_id, id);
