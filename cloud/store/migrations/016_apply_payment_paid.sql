-- A provider's "paid" notification is the hottest write of a sale: every payment gets one (and
-- WeChat repeats it). As separate statements it took eleven round trips (begin, lock the group buy
-- or pooled order, lock the payment, mark it paid, the posting's four statements, mark the seat or
-- part paid, commit). This function does the common case in one statement: the money arrived in
-- time, for the amount asked, for a seat or part still waiting for it, and it is not the payment
-- that completes its group buy or places its pooled order.
--
-- It applies exactly the steps of cloud/workflows/payments.ts (recordPaid) and paymentTargets.ts
-- (acceptPaid) for that case, in their lock order (the group buy or pooled order first, then the
-- payment) and with the same ledger posting (`pay:<paymentId>`: payment:<user> → escrow:<target>,
-- accounts in id order). Every other case answers 'fallback' having written nothing, and the host
-- runs the workflow: money for something no longer waiting (refunded), an amount that differs
-- (refunded), the payment that completes a buy or places an order (settled there).
--
-- Outcomes: 'applied', 'duplicate' (already paid: nothing written), 'unknown' (no payment of
-- this provider has that id: a notification for another system on the same merchant account),
-- 'fallback'.
create function apply_payment_paid(p_payment text, p_provider text, p_trade_id text, p_paid_fen bigint, p_now timestamptz)
returns text language plpgsql as $$
declare
  pay payments%rowtype;
  buy_size integer;
  paid_count integer;
  posting bigint;
  moved integer;
begin
  select * into pay from payments where id = p_payment;
  if not found or pay.provider <> p_provider then
    return 'unknown';
  end if;
  if pay.purpose = 'group_buy' then
    select size into buy_size from group_buys where id = pay.target_id and status = 'open' for update;
  else
    perform 1 from pooled_orders where id = pay.target_id and status = 'confirming' for update;
  end if;
  if not found then
    return 'fallback';
  end if;
  select * into pay from payments where id = p_payment for update;
  if pay.status in ('paid', 'refunding', 'refunded') then
    return 'duplicate';
  end if;
  if pay.status <> 'pending' or pay.amount_fen <> p_paid_fen or p_paid_fen <= 0 then
    return 'fallback';
  end if;

  if pay.purpose = 'group_buy' then
    perform 1 from group_buy_members
      where group_buy_id = pay.target_id and user_id = pay.user_id and payment_id = pay.id and status = 'pending';
    if not found then
      return 'fallback';
    end if;
    select count(*) into paid_count from group_buy_members where group_buy_id = pay.target_id and status = 'paid';
    if paid_count + 1 >= buy_size then
      return 'fallback';
    end if;
    update group_buy_members set status = 'paid' where group_buy_id = pay.target_id and user_id = pay.user_id;
  else
    perform 1 from pooled_order_payments
      where pooled_order_id = pay.target_id and user_id = pay.user_id and payment_id = pay.id and status = 'pending';
    if not found then
      return 'fallback';
    end if;
    perform 1 from pooled_order_payments
      where pooled_order_id = pay.target_id and user_id <> pay.user_id and status in ('due', 'pending');
    if not found then
      return 'fallback';
    end if;
    update pooled_order_payments set status = 'paid', paid_at = p_now where pooled_order_id = pay.target_id and user_id = pay.user_id;
  end if;

  update payments set status = 'paid', provider_trade_id = p_trade_id, provider_paid_fen = p_paid_fen, paid_at = p_now, params = null
    where id = pay.id;
  insert into ledger_transactions (effect_key, kind, created_at) values ('pay:' || pay.id, 'escrow_pay', p_now)
    on conflict (effect_key) do nothing returning id into posting;
  if posting is null then
    raise exception 'payment % was posted before it was paid', pay.id;
  end if;
  -- 'escrow:' sorts before 'payment:': the order every posting moves balances in.
  update accounts set balance_fen = balance_fen + p_paid_fen where id = 'escrow:' || pay.target_id;
  get diagnostics moved = row_count;
  update accounts set balance_fen = balance_fen - p_paid_fen where id = 'payment:' || pay.user_id;
  get diagnostics paid_count = row_count;
  if moved <> 1 or paid_count <> 1 then
    raise exception 'payment % has no escrow or payment account', pay.id;
  end if;
  insert into ledger_entries (transaction_id, account_id, amount_fen, created_at)
    values (posting, 'escrow:' || pay.target_id, p_paid_fen, p_now), (posting, 'payment:' || pay.user_id, -p_paid_fen, p_now);
  return 'applied';
end;
$$;
