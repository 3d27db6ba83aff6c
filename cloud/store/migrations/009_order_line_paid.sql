-- What the buyer actually paid for each order line, after the order's coupons and discounts.
-- Reward percentages, refunds and the grand prize's net amount are taken from it; an order
-- system that does not report it pays the list price (price × qty), as every line so far did.
alter table order_lines add column paid_fen bigint;
update order_lines set paid_fen = price_fen * qty;
alter table order_lines alter column paid_fen set not null;
alter table order_lines add constraint order_lines_paid_fen_check check (paid_fen between 0 and price_fen * qty);
