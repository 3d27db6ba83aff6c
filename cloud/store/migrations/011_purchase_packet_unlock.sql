-- Purchase packets stay pending, out of every split, until their order can no longer be
-- refunded: the order system reports it completed, or the campaign's refund window (七天无理由退货,
-- 7 days by default) has passed since payment. `unlocks_at` is the earlier of the two; a split
-- takes a pending packet only when `unlocks_at` is at or before its slot, so a refund before then
-- still finds the packet pending and voids it.
alter table red_packets add column unlocks_at timestamptz;
alter table orders add column completed_at timestamptz;

-- Packets reserved before this version were promised "at the next split"; they now wait out the
-- default window from their reservation like every other. A host still running the previous
-- version writes packets without unlocks_at; readers take created_at + 7 days for those.
update red_packets set unlocks_at = created_at + interval '7 days' where kind = 'purchase' and status = 'pending';

-- A completion event finds its order's packets by buyer and order.
create index red_packets_purchase_order_idx on red_packets (user_id, order_id) where kind = 'purchase';
