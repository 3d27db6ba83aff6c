import { splitPool } from '../domain/money/split';
import { accountIds, transfer } from '../domain/money/posting';
import { balancesOf, lockAccounts, postBulk } from '../store/ledger';
import { settleUnlockedPackets } from '../store/redPackets';
import {
  completeSplitRun,
  groupsSplitAt,
  memberIdsByGroup,
  splitCandidateGroups,
  startSplitRun,
  writeSplits,
  type GroupSplit,
} from '../store/splits';
import { findCampaignForSlot } from '../store/campaigns';
import { notify } from '../store/notifications';
import { appendAudit, SCHEDULER_ACTOR } from '../store/audit';
import { appendEvents } from '../store/feed';
import type { Queryable, Store } from '../store/store';

/** Groups per transaction: large enough for set-based statements, small enough to hold few locks. */
export const SPLIT_CHUNK_GROUPS = 2000;

/** Chunks in flight at once on the server engine (see splitWorkers). */
export const SPLIT_WORKERS = 2;

export interface SplitRunResult {
  slot: string;
  groupsSplit: number;
  totalFen: number;
}

/**
 * Splits every active group's pool among its current members for one slot (瓜分), exactly once
 * per slot and group: chunks of groups in id order, one transaction each. A chunk locks its
 * groups' pool accounts, skips groups already split for the slot, settles the pending purchase
 * packets unlocked by the slot into the pools, then writes every split of the chunk with a
 * handful of set-based statements. Two runners of the same slot queue on the pool locks and the
 * second finds nothing left to do; a runner killed midway leaves whole chunks behind, and
 * running the slot again finishes the rest. `workers` chunks are in flight at once, each in its
 * own transaction on disjoint groups (default: see splitWorkers).
 */
export async function runPoolSplit(
  store: Store,
  slot: Date,
  options: {
    now: Date;
    random: () => number;
    chunkGroups?: number;
    workers?: number;
    onProgress?: (done: number) => void;
    /** Who runs the slot, for the audit log: an operator's master key, or (left out) the scheduler. */
    actor?: { actorId: string | null; actorName: string; viaMasterKey: boolean };
  },
): Promise<SplitRunResult | null> {
  const campaign = await findCampaignForSlot(store, slot);
  if (!campaign) return null;
  await startSplitRun(store, slot, campaign.id, options.now);
  const nextChunk = chunkCursor(store, slot, options.chunkGroups ?? SPLIT_CHUNK_GROUPS);
  const run = { groupsSplit: 0, totalFen: 0, failed: false };
  const worker = async () => {
    // A failed worker stops the others after their current chunk.
    while (!run.failed) {
      const groupIds = await nextChunk();
      if (groupIds.length === 0) return;
      const result = await store.transaction((tx) =>
        splitChunk(tx, groupIds, slot, campaign.id, campaign.config.split.policy, options.now, options.random),
      );
      run.groupsSplit += result.groups;
      run.totalFen += result.totalFen;
      options.onProgress?.(run.groupsSplit);
    }
  };
  await allOrFirstError(Array.from({ length: options.workers ?? splitWorkers(store) }, worker), () => (run.failed = true));
  // Recorded with the totals of the whole slot, including chunks written by an earlier, interrupted run.
  await completeSplitRun(store, slot, options.now);
  const result = { slot: slot.toISOString(), groupsSplit: run.groupsSplit, totalFen: run.totalFen };
  await appendAudit(store, {
    campaignId: campaign.id,
    ...(options.actor ?? SCHEDULER_ACTOR),
    action: 'split.run',
    detail: { slot: result.slot, final: slot.getTime() === campaign.endsAt.getTime(), before: null, after: result },
    now: options.now,
  });
  // The reply says what this run split: running a finished slot again splits nothing more.
  return result;
}

/**
 * Chunks run side by side on the server engine: while one chunk's statements run in the
 * database, the next chunk's shares are computed here. The embedded engine has one connection
 * and runs in this thread, so there a second chunk would only wait.
 */
function splitWorkers(store: Store): number {
  return store.engine === 'postgres' ? SPLIT_WORKERS : 1;
}

/**
 * Hands out the next chunk of candidate groups in id order, one caller at a time, so concurrent
 * workers never take the same group (other runners are kept off by the pool locks).
 */
function chunkCursor(store: Store, slot: Date, chunkGroups: number): () => Promise<string[]> {
  let after = '';
  let previous: Promise<unknown> = Promise.resolve();
  return () => {
    const next = previous.then(async () => {
      const groupIds = await splitCandidateGroups(store, after, slot, chunkGroups);
      if (groupIds.length > 0) after = groupIds[groupIds.length - 1]!;
      return groupIds;
    });
    previous = next.catch(() => undefined);
    return next;
  };
}

/** Waits for every task (none is left running behind the caller's back), then throws the first failure. */
async function allOrFirstError(tasks: Array<Promise<void>>, onFailure: () => void): Promise<void> {
  const results = await Promise.allSettled(tasks.map((task) => task.catch((error) => (onFailure(), Promise.reject(error)))));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

async function splitChunk(
  tx: Queryable,
  groupIds: string[],
  slot: Date,
  campaignId: string,
  policy: 'random' | 'equal',
  now: Date,
  random: () => number,
): Promise<{ groups: number; totalFen: number }> {
  // Locking the pools serialises runners of the same groups; the balances read are current.
  let pools = await lockAccounts(tx, groupIds.map(accountIds.pool));
  // Read after the locks are held, so a chunk another runner has just committed is seen here.
  const done = await groupsSplitAt(tx, slot, groupIds);
  const todo = groupIds.filter((id) => !done.has(id));
  if (todo.length === 0) return { groups: 0, totalFen: 0 };

  if (await settlePendingPackets(tx, todo, slot, now)) {
    pools = await balancesOf(tx, todo.map(accountIds.pool));
  }
  const todoSet = new Set(todo);
  const funded = pools
    .map((pool) => ({ groupId: pool.id.slice('pool:'.length), totalFen: pool.balance_fen }))
    .filter((pool) => pool.totalFen > 0 && todoSet.has(pool.groupId));
  if (funded.length === 0) return { groups: 0, totalFen: 0 };

  // Members in id order: the deterministic order 'equal' splits rely on.
  const membersByGroup = await memberIdsByGroup(
    tx,
    funded.map((pool) => pool.groupId),
  );

  const splits: GroupSplit[] = [];
  for (const { groupId, totalFen } of funded) {
    const memberIds = membersByGroup.get(groupId) ?? [];
    if (memberIds.length === 0) continue;
    splits.push({ groupId, totalFen, shares: splitPool(totalFen, memberIds, policy, random) });
  }
  await writeSplits(tx, { slot, campaignId, policy, now, splits });
  // Each member paid is told, in the chunk's transaction: once per slot, group and member.
  const slotKey = slot.toISOString();
  await notify(
    tx,
    splits.flatMap((split) =>
      split.shares
        .filter((share) => share.amountFen > 0)
        .map((share) => ({
          userId: share.userId,
          kind: 'split_paid' as const,
          effectKey: `split:${slotKey}:${split.groupId}:${share.userId}`,
          payload: { groupId: split.groupId, amountFen: share.amountFen, slot: slotKey },
          groupId: split.groupId,
        })),
    ),
    now,
  );
  await appendEvents(
    tx,
    splits.map((split) => splitFeedEvent(split, slot, policy)),
    now,
  );
  return { groups: splits.length, totalFen: splits.reduce((sum, s) => sum + s.totalFen, 0) };
}

/**
 * The group's feed line of its split: the total, how many shared it and, for a random split, the
 * luckiest member (the largest share; the first in member order on a tie) as its subject.
 */
function splitFeedEvent(split: GroupSplit, slot: Date, policy: 'random' | 'equal') {
  let best = split.shares[0];
  for (const share of split.shares) if (best && share.amountFen > best.amountFen) best = share;
  return {
    groupId: split.groupId,
    type: 'pool_split' as const,
    actorId: null,
    subjectId: policy === 'random' ? (best?.userId ?? null) : null,
    data: { slot: slot.toISOString(), totalFen: split.totalFen, memberCount: split.shares.length, policy, bestFen: best?.amountFen ?? 0 },
  };
}

/**
 * Pending purchase packets unlocked by the slot (their order completed, or its refund window over
 * by then) move from the campaign reserve into their pools. The others stay pending, out of the
 * split, so that a refund can still void them: money split into wallets cannot come back.
 */
async function settlePendingPackets(tx: Queryable, groupIds: string[], slot: Date, now: Date): Promise<boolean> {
  const settled = await settleUnlockedPackets(tx, groupIds, slot, now);
  if (settled.length === 0) return false;
  await postBulk(
    tx,
    settled.map((p) =>
      transfer(`settle:${p.id}`, 'purchase_settle', accountIds.reserve(p.campaign_id), accountIds.pool(p.group_id), p.amount_fen),
    ),
    'purchase_settle',
    now,
  );
  await notify(
    tx,
    settled.map((p) => ({
      userId: p.user_id,
      kind: 'red_packet_unlocked' as const,
      effectKey: `packet-unlocked:${p.id}`,
      payload: { groupId: p.group_id, amountFen: p.amount_fen, redPacketId: p.id },
      groupId: p.group_id,
    })),
    now,
  );
  return true;
}
