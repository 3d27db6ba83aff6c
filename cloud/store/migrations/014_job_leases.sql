-- Leases on timed work, so that several hosts on one database run each job once per slot (a
-- split slot, a half-minute of expiries, an hour of sweeping). A host takes a lease with one
-- upsert that succeeds only when the row is new or its lease ran out without being finished
-- (the holder died), renews it while it works, and marks it done. Times are the database's own
-- clock, so hosts whose clocks disagree still agree on who holds a lease.
create table job_leases (
  job text not null,
  -- the slot's key, e.g. an ISO timestamp
  slot text not null,
  -- who holds it: host name, process id and a random part per acquisition
  holder text not null,
  acquired_at timestamptz not null,
  expires_at timestamptz not null,
  -- set when the work finished; a finished lease is never taken again
  done_at timestamptz,
  -- how many times an expired lease was taken over from a dead holder
  takeovers integer not null default 0,
  primary key (job, slot)
);

-- The sweep deletes finished leases after a while.
create index job_leases_done_idx on job_leases (done_at) where done_at is not null;
