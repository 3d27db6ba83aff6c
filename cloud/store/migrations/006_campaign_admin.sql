-- Campaign administration: group rules and page content beside the money config, the draft a
-- marketer edits, immutable published versions, and an audit log of every change.
alter table campaigns add column rules jsonb not null default '{}';
alter table campaigns add column page jsonb not null default '{}';
alter table campaigns add column version integer not null default 0;
alter table campaigns add column published_at timestamptz;
-- The marketer's working copy (a CampaignInputJson); null when it equals the published version.
alter table campaigns add column draft jsonb;

create table campaign_versions (
  campaign_id text not null references campaigns (id),
  version integer not null,
  snapshot jsonb not null,
  published_by text,
  published_at timestamptz not null,
  primary key (campaign_id, version)
);

create table audit_log (
  id bigint generated always as identity primary key,
  campaign_id text references campaigns (id),
  actor_id text,
  actor_name text not null,
  action text not null,
  detail jsonb not null default '{}',
  created_at timestamptz not null
);

create index audit_log_campaign_idx on audit_log (campaign_id, id desc);
