-- The shared list shows, beside each item, the latest share by someone other than the viewer: per
-- item the newest shares first, so that look-up reads the index in order and stops at the first
-- row by another member instead of sorting all of the item's shares. It serves the look-ups by
-- item alone as well, so it replaces the index on item_id.
create index item_shares_item_latest_idx on item_shares (item_id, created_at desc, id desc);
drop index item_shares_item_idx;
