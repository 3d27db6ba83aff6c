-- Balances change with every posting, and a split moves hundreds of thousands of wallet
-- balances at once. Free room in each page lets PostgreSQL update a balance in place (a HOT
-- update: no new primary-key index entry), instead of moving the row to another page and
-- indexing it again. Applies to pages written from now on.
alter table accounts set (fillfactor = 70);
