-- A campaign ended before its planned end closes at that moment: its final split, settlement
-- split and grand prize use the earlier of ends_at and ended_at. Campaigns ended before this
-- column existed keep their planned end (null).
alter table campaigns add column ended_at timestamptz;

-- The audit log: whether the master key made the change, actions named `<kind>.<verb>` (the kind
-- kept as a column to filter on), and indexes for the console's filters (campaign already has one).
alter table audit_log add column via_master_key boolean not null default false;
update audit_log set via_master_key = true where actor_name like '%(master key)';
update audit_log set action = case action
    when 'create' then 'campaign.create'
    when 'save_draft' then 'campaign.save'
    when 'publish' then 'campaign.publish'
    when 'pause' then 'campaign.pause'
    when 'resume' then 'campaign.resume'
    when 'end' then 'campaign.end'
    when 'import_users' then 'user.import'
    when 'set_roles' then 'user.roles'
    else action end
  where position('.' in action) = 0;
alter table audit_log add column kind text generated always as (split_part(action, '.', 1)) stored;
create index audit_log_actor_idx on audit_log (actor_id, id desc);
create index audit_log_kind_idx on audit_log (kind, id desc);

-- The dashboard's per-coupon and per-deal numbers.
create index user_coupons_template_idx on user_coupons (template_id, status);
create index group_buys_deal_idx on group_buys (deal_id, status);
