-- Merchandising: marketers create and edit coupon templates, group-buy deals and catalog products.
--
-- Coupon templates gain a percentage-off kind (percent_off, with a cap), a status, a claim window
-- and a validity (fixed dates, or a number of days after claiming). A claimed coupon keeps the
-- validity it was claimed under (valid_from, expires_at on user_coupons), so later edits of the
-- template change only later claims.
do $$
declare c record;
begin
  for c in select conname from pg_constraint where conrelid = 'coupon_templates'::regclass and contype = 'c' loop
    execute format('alter table coupon_templates drop constraint %I', c.conname);
  end loop;
end $$;

alter table coupon_templates
  add column percent_off integer,
  add column status text not null default 'live',
  add column claim_starts_at timestamptz,
  add column claim_ends_at timestamptz,
  add column valid_from timestamptz,
  add column valid_until timestamptz,
  add column valid_days integer,
  add column updated_at timestamptz;

update coupon_templates set updated_at = created_at;
alter table coupon_templates alter column updated_at set not null;

alter table coupon_templates
  add constraint coupon_templates_kind_check check (kind in ('cross_store', 'shop', 'percent')),
  add constraint coupon_templates_status_check check (status in ('draft', 'live', 'stopped')),
  add constraint coupon_templates_amounts_check check (threshold_fen >= 0 and discount_fen >= 0),
  -- Claims take stock with `update ... set stock = stock - 1 where stock > 0`; a raise keeps the
  -- claimed count (stock_total - stock), so the total never drops below what was claimed.
  add constraint coupon_templates_stock_check check (stock_total >= 0 and stock >= 0 and stock <= stock_total),
  add constraint coupon_templates_per_user_check check (per_user_limit >= 1),
  add constraint coupon_templates_shop_check check ((kind = 'shop') = (shop_name is not null)),
  add constraint coupon_templates_cross_check check (
    kind <> 'cross_store' or (discount_fen > 0 and threshold_fen > discount_fen and (cap_fen is null or cap_fen >= discount_fen))),
  add constraint coupon_templates_shop_terms_check check (kind <> 'shop' or (discount_fen > 0 and cap_fen is null)),
  add constraint coupon_templates_percent_check check (
    (kind = 'percent') = (percent_off is not null)
    and (kind <> 'percent' or (percent_off between 1 and 99 and cap_fen > 0 and threshold_fen = 0 and discount_fen = 0))),
  add constraint coupon_templates_claim_window_check check (
    claim_starts_at is null or claim_ends_at is null or claim_starts_at < claim_ends_at),
  add constraint coupon_templates_validity_check check (
    (valid_days is null or (valid_days between 1 and 365 and valid_from is null and valid_until is null))
    and (valid_from is null or valid_until is null or valid_from < valid_until));

alter table user_coupons
  add column valid_from timestamptz,
  add column expires_at timestamptz;

-- Deals are versioned: a deal's terms (product, prices, size, time limit, virtual completion)
-- never change under a group buy opened on them. An edit of terms inserts the next version
-- (same series_id) and marks the old row 'superseded'; its open group buys keep it.
alter table deals
  add column series_id text,
  add column version integer not null default 1,
  add column status text not null default 'live',
  add column leader_price_fen bigint,
  add column per_user_limit integer,
  add column openings_total integer,
  add column openings_used integer not null default 0,
  add column superseded_by text references deals (id) deferrable initially deferred,
  add column updated_at timestamptz;

update deals set series_id = id, updated_at = created_at;
alter table deals alter column series_id set not null, alter column updated_at set not null;

alter table deals
  add constraint deals_status_check check (status in ('live', 'stopped', 'superseded')),
  add constraint deals_leader_price_check check (leader_price_fen is null or (leader_price_fen > 0 and leader_price_fen <= group_price_fen)),
  add constraint deals_per_user_check check (per_user_limit is null or per_user_limit >= 1),
  -- Openings are taken with `update ... where openings_used < openings_total`: never more.
  add constraint deals_openings_check check (openings_used >= 0 and (openings_total is null or openings_used <= openings_total)),
  add constraint deals_superseded_check check ((status = 'superseded') = (superseded_by is not null));

create unique index deals_series_version_idx on deals (series_id, version);
-- One current (not superseded) version per series.
create unique index deals_series_current_idx on deals (series_id) where status <> 'superseded';

-- Catalog products: pictures beyond the first (image_url stays the first, for every reader) and
-- the stock a marketer keeps (null: not tracked).
alter table products
  add column images jsonb not null default '[]',
  add column stock integer check (stock is null or stock >= 0);

update products set images = jsonb_build_array(image_url) where image_url is not null;
