-- What the buyer actually paid for each order line, after the order's coupons and discounts.
-- Reward percentages, refunds and the grand prize's net amount are taken from it. Null means the
-- list price (price × qty): the lines recorded before it, and any line a host still running the
-- previous version writes while a new one has already migrated (so neither has to wait for the other).
alter table order_lines add column paid_fen bigint;
alter table order_lines add constraint order_lines_paid_fen_check check (paid_fen between 0 and price_fen * qty);
