-- Pasting what shoppers really paste: a whole Taobao share message. Its 「」 title is kept for an
-- item the catalog does not know (the list shows it instead of "淘口令宝贝（…）"), and a share link
-- m.tb.cn/h.<token> without a code is a reference of its own kind ('short_link', the token), so
-- the same shared link pasted twice is one entry.
alter table wishlist_items add column pasted_title text check (pasted_title is null or char_length(pasted_title) between 1 and 60);
alter table wishlist_items drop constraint wishlist_items_ref_kind_check;
alter table wishlist_items add constraint wishlist_items_ref_kind_check check (ref_kind in ('item_id', 'share_code', 'short_link'));

-- share_item as in 019 (008's, writing one feed line per member and item), with the feed event's
-- title taking the pasted title too.
create or replace function share_item(
  p_user text,
  p_request text,
  p_group text,
  p_item text,
  p_share text,
  p_now timestamptz,
  p_day_start timestamptz,
  p_day_end timestamptz,
  p_max_shares integer,
  p_campaign text,
  p_campaign_version integer,
  p_draw_day_start timestamptz,
  p_draw_day_end timestamptz,
  p_daily_cap integer,
  p_amount bigint,
  p_bucket text,
  p_budget_accounts text[],
  p_pool text,
  p_effect_key text,
  p_posting_kind text,
  p_packet text,
  p_raise_when_short boolean
) returns table (
  outcome text,
  share_id text,
  share_group_id text,
  share_item_id text,
  share_created_at timestamptz,
  shared_today integer,
  packet_id text,
  packet_amount_fen bigint
)
language plpgsql as $$
#variable_conflict use_column
declare
  v_earlier item_shares%rowtype;
  v_group_status text;
  v_item wishlist_items%rowtype;
  v_product_title text;
  v_shared_today integer;
  v_rewarded_today integer;
  v_transaction bigint;
begin
  -- 'No key update' serialises the sharer's own shares without blocking the key-share locks that
  -- foreign keys take on her row: a groupmate sharing an item she added must not wait for her.
  perform 1 from users where id = p_user for no key update;

  select * into v_earlier from item_shares where user_id = p_user and request_id = p_request;
  if found then
    return query
      select 'earlier', v_earlier.id, v_earlier.group_id, v_earlier.item_id, v_earlier.created_at, null::integer, r.id, r.amount_fen
      from (select 1) as one left join red_packets r on r.share_id = v_earlier.id and r.kind = 'share';
    return;
  end if;

  select status into v_group_status from groups where id = p_group;
  if not found then
    return query select 'group_not_found', null, null, null, null::timestamptz, null::integer, null, null::bigint;
    return;
  end if;
  if not exists (select 1 from group_members where group_id = p_group and user_id = p_user) then
    return query select 'not_member', null, null, null, null::timestamptz, null::integer, null, null::bigint;
    return;
  end if;
  if v_group_status = 'dissolved' then
    return query select 'group_dissolved', null, null, null, null::timestamptz, null::integer, null, null::bigint;
    return;
  end if;
  select * into v_item from wishlist_items where id = p_item;
  if not found or v_item.removed_at is not null or v_item.group_id <> p_group then
    return query select 'item_not_found', null, null, null, null::timestamptz, null::integer, null, null::bigint;
    return;
  end if;
  select count(*) into v_shared_today from item_shares where user_id = p_user and created_at >= p_day_start and created_at < p_day_end;
  if v_shared_today >= p_max_shares then
    return query select 'daily_limit', null, null, null, null::timestamptz, v_shared_today, null, null::bigint;
    return;
  end if;

  -- The share, its count and its feed event. An unresolved item's title is the one the list
  -- shows for it: the pasted 「」 title, else unresolvedTitle in functions/wishlist/json.ts.
  update wishlist_items set share_count = share_count + 1 where id = p_item;
  select title into v_product_title from products where id = v_item.product_id;
  -- One feed line per sharer and item: sharing it again changes the share count, not the feed.
  if not exists (select 1 from item_shares where item_id = p_item and user_id = p_user) then
    insert into group_events (group_id, type, actor_id, subject_id, data, created_at)
    values (p_group, 'item_shared', p_user, v_item.added_by,
            jsonb_build_object(
              'itemId', v_item.id,
              'list', v_item.list,
              'title', coalesce(v_product_title, v_item.pasted_title,
                                case when v_item.ref_kind = 'item_id' then '淘宝宝贝（商品 ID ' || v_item.item_ref || '）'
                                     when v_item.ref_kind = 'share_code' then '淘口令宝贝（' || v_item.item_ref || '）'
                                     else '淘宝分享宝贝（' || v_item.item_ref || '）' end),
              'productId', v_item.product_id,
              'shareId', p_share),
            p_now);
  end if;
  insert into item_shares (id, group_id, item_id, user_id, request_id, created_at) values (p_share, p_group, p_item, p_user, p_request, p_now);

  -- The draw: one per user and item whatever its outcome, a daily cap on rewarded draws.
  if p_campaign is null then
    return query select 'campaign_not_running', p_share, p_group, p_item, p_now, null::integer, null, null::bigint;
    return;
  end if;
  if v_group_status <> 'active' then
    return query select 'group_not_active', p_share, p_group, p_item, p_now, null::integer, null, null::bigint;
    return;
  end if;
  perform 1 from campaigns
  where id = p_campaign and status = 'published' and version = p_campaign_version and starts_at <= p_now and ends_at > p_now;
  if not found then
    raise exception using errcode = 'BSH02', message = 'the running campaign changed';
  end if;
  select count(*) into v_rewarded_today from share_draws
  where user_id = p_user and amount_fen is not null and created_at >= p_draw_day_start and created_at < p_draw_day_end;
  if v_rewarded_today >= p_daily_cap then
    return query select 'daily_cap', p_share, p_group, p_item, p_now, null::integer, null, null::bigint;
    return;
  end if;
  insert into share_draws (user_id, item_id, share_id, campaign_id, created_at) values (p_user, p_item, p_share, p_campaign, p_now)
  on conflict (user_id, item_id) do nothing;
  if not found then
    return query select 'already_drawn', p_share, p_group, p_item, p_now, null::integer, null, null::bigint;
    return;
  end if;
  if p_amount is null then
    return query select 'no_luck', p_share, p_group, p_item, p_now, null::integer, null, null::bigint;
    return;
  end if;

  -- The payment: from the share's bucket into the group's pool, keyed once by the share. The
  -- bucket sorts before the pool, the order every posting locks accounts in.
  update accounts set balance_fen = balance_fen - p_amount where id = p_bucket and balance_fen >= p_amount;
  if not found then
    -- A snapshot that cannot cover the packet is an honest "exhausted" as of now.
    if (select coalesce(sum(balance_fen), 0) from accounts where id = any (p_budget_accounts)) < p_amount then
      return query select 'budget_exhausted', p_share, p_group, p_item, p_now, null::integer, null, null::bigint;
      return;
    end if;
    if p_raise_when_short then
      raise exception using errcode = 'BSH01', message = 'the share''s budget bucket is short';
    end if;
    return query select 'bucket_short', p_share, p_group, p_item, p_now, null::integer, null, null::bigint;
    return;
  end if;
  insert into accounts (id, kind, balance_fen) values (p_pool, 'pool', p_amount)
  on conflict (id) do update set balance_fen = accounts.balance_fen + excluded.balance_fen;
  insert into ledger_transactions (effect_key, kind, created_at) values (p_effect_key, p_posting_kind, p_now) returning id into v_transaction;
  insert into ledger_entries (transaction_id, account_id, amount_fen, created_at)
  values (v_transaction, p_bucket, -p_amount, p_now), (v_transaction, p_pool, p_amount, p_now);
  insert into red_packets (id, kind, campaign_id, group_id, user_id, amount_fen, status, share_id, item_id, created_at, settled_at)
  values (p_packet, 'share', p_campaign, p_group, p_user, p_amount, 'posted', p_share, p_item, p_now, p_now);
  update share_draws set amount_fen = p_amount where user_id = p_user and item_id = p_item;
  return query select 'rewarded', p_share, p_group, p_item, p_now, null::integer, p_packet, p_amount;
end
$$;
