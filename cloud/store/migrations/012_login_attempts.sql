-- Password-login attempts, counted in the database so that every host on it sees one count.
-- One row per username ('user:<name>') and per client address ('addr:<ip>'). Rows are claimed
-- before the password is checked (see cloud/store/loginAttempts.ts), so concurrent guesses
-- cannot all slip under the limit.
create table login_attempts (
  key text primary key,
  -- username rows: failed (or still unresolved) attempts in a row; address rows: failed checks
  -- in the window
  failures integer not null,
  -- address rows: checks claimed and not yet resolved (so a burst of logins from one address,
  -- such as a campus NAT, is bounded by its own limit, not mistaken for failures)
  in_flight integer not null default 0,
  -- username rows: no attempt is checked before this
  blocked_until timestamptz,
  -- address rows: when the current window began
  window_started_at timestamptz not null,
  -- whether the latest claim on this row was allowed (read back by the claiming statement)
  granted boolean not null,
  updated_at timestamptz not null
);

-- The sweep deletes rows nobody has touched for a while.
create index login_attempts_updated_idx on login_attempts (updated_at);
