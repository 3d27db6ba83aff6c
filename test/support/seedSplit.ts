import { DEFAULT_CAMPAIGN_CONFIG } from '../../cloud/domain/campaign';
import { insertPublishedCampaign } from '../../cloud/store/campaigns';
import type { Store } from '../../cloud/store/store';
import { checkLedger } from '../../cloud/workflows/ledgerCheck';
import { firstOf } from './at';

/**
 * A large split scenario written straight into the database with set-based SQL: `groups` active
 * groups of `members` members each (every user in up to 10 groups), a running campaign, and a
 * funded pool per group. The pools are funded through one balanced ledger transaction, so the
 * ledger proves itself before and after the split.
 */
export async function seedSplitScenario(
  store: Store,
  options: { groups: number; members: number; poolFen: number; now: Date },
): Promise<{ campaignId: string }> {
  const { groups, members, poolFen, now } = options;
  const users = Math.ceil((groups * members) / 10);
  await store.query(
    `insert into users (id, username, nickname, gender, taoqi, created_at, updated_at)
     select lpad(to_hex(i), 24, '0'), 'load_' || i, 'load ' || i, 'female', 700, $2, $2 from generate_series(1, $1) as i`,
    [users, now],
  );
  await store.query(
    `insert into groups (id, name, owner_id, created_by, create_request_id, member_count, min_members, max_members, status, created_at)
     select 'f' || lpad(to_hex(g), 23, '0'), 'load group ' || g, lpad(to_hex(((g - 1) * $2) % $3 + 1), 24, '0'),
            lpad(to_hex(((g - 1) * $2) % $3 + 1), 24, '0'), 'seed-' || g, $2, 4, 15, 'active', $4
     from generate_series(1, $1) as g`,
    [groups, members, users, now],
  );
  // Member k of group g is user ((g-1)*members + k) mod users: consecutive, distinct within a group.
  await store.query(
    `insert into group_members (group_id, user_id, role, joined_at)
     select 'f' || lpad(to_hex(g), 23, '0'), lpad(to_hex(((g - 1) * $2 + k) % $3 + 1), 24, '0'),
            case when k = 0 then 'owner' else 'member' end, $4
     from generate_series(1, $1) as g, generate_series(0, $2 - 1) as k`,
    [groups, members, users, now],
  );
  const campaign = await store.transaction((tx) =>
    insertPublishedCampaign(
      tx,
      {
        slug: `load-${now.getTime()}`,
        name: 'load test',
        startsAt: new Date(now.getTime() - 86_400_000),
        endsAt: new Date(now.getTime() + 86_400_000),
        timeZone: 'Asia/Shanghai',
        // No scheduled slots: splits run only when asked, so a host started on this data stays idle.
        config: {
          ...DEFAULT_CAMPAIGN_CONFIG,
          budgetFen: 0,
          split: { policy: 'random', dailyAt: [], finalSplit: false },
          grandPrize: { ...DEFAULT_CAMPAIGN_CONFIG.grandPrize, budgetFen: 0 },
        },
      },
      now,
    ),
  );
  await store.transaction(async (tx) => {
    await tx.query(
      `insert into accounts (id, kind, balance_fen) select 'pool:f' || lpad(to_hex(g), 23, '0'), 'pool', $2 from generate_series(1, $1) as g`,
      [groups, poolFen],
    );
    await tx.query(`update accounts set balance_fen = balance_fen - $1::bigint where id = $2`, [
      groups * poolFen,
      `funding:${campaign.id}`,
    ]);
    const ledgerTx = firstOf(
      await tx.query<{ id: number }>(
        `insert into ledger_transactions (effect_key, kind, created_at) values ($1, 'seed', $2) returning id`,
        [`seed-pools:${campaign.id}`, now],
      ),
    );
    await tx.query(
      `insert into ledger_entries (transaction_id, account_id, amount_fen, created_at)
       select $1::bigint, 'pool:f' || lpad(to_hex(g), 23, '0'), $3::bigint, $4::timestamptz from generate_series(1, $2) as g
       union all select $1::bigint, $5::text, -($2::bigint * $3::bigint), $4::timestamptz`,
      [ledgerTx.id, groups, poolFen, now, `funding:${campaign.id}`],
    );
  });
  return { campaignId: campaign.id };
}

/** The split of `slot` happened once: every group once, every member credited once, pools empty. */
export async function expectSplitOnce(store: Store, slot: Date | string, groups: number, members: number, poolFen: number): Promise<void> {
  const [splits] = await store.query<{ n: number; total: number }>(
    'select count(*) as n, coalesce(sum(total_fen), 0)::bigint as total from splits where slot = $1',
    [slot],
  );
  expect(splits).toEqual({ n: groups, total: groups * poolFen });
  const [credits] = await store.query<{ n: number; total: number }>(
    `select count(*) as n, coalesce(sum(e.amount_fen), 0)::bigint as total from ledger_entries e
     join ledger_transactions t on t.id = e.transaction_id where t.kind = 'split' and e.amount_fen > 0`,
  );
  expect(credits).toEqual({ n: groups * members, total: groups * poolFen });
  const pools = firstOf(
    await store.query<{ total: number }>(`select coalesce(sum(balance_fen), 0)::bigint as total from accounts where kind = 'pool'`),
  );
  expect(pools.total).toBe(0);
  expect(await checkLedger(store)).toMatchObject({ balanced: true, sumFen: 0 });
}
