import type { RedPacketJson } from '../../../contract/types';
import type { GroupRow } from '../../store/groups';
import type { Queryable } from '../../store/store';
import type { UserRow } from '../../store/users';
import type { ShareRow } from '../../store/wishlist';
import { drawShareRedPacket as drawForShare, type NoShareRewardReason } from '../money/shareReward';

/** Everything a red-packet draw for one share may look at. */
export interface ShareDraw {
  share: ShareRow;
  group: Pick<GroupRow, 'id' | 'status'>;
  item: { id: string };
  sharer: UserRow;
  now: Date;
  /** Uniform in [0, 1), injected (the host's seeded source in tests). */
  random: () => number;
  /** What the draw's per-host caches are kept under (the store). */
  scope: object;
}

/**
 * Where the red-packet feature plugs into sharing ("sharing a product into the group gives the
 * sharer a chance at a random cash red packet"). It runs inside the share's transaction, right
 * after the share is recorded and with the sharer's row locked, so a share and its draw commit or
 * roll back together; the draw is keyed by user and item, and its ledger movement by `share.id`,
 * so nothing pays twice.
 */
export async function drawShareRedPacket(
  tx: Queryable,
  draw: ShareDraw,
): Promise<{ redPacket: RedPacketJson | null; noRewardReason?: NoShareRewardReason }> {
  return drawForShare(
    tx,
    draw.scope,
    draw.random,
    { shareId: draw.share.id, itemId: draw.item.id, groupId: draw.group.id, groupStatus: draw.group.status, userId: draw.sharer.id },
    draw.now,
  );
}

/** The red packet an earlier share drew, for a retried shareItem: the same reply, nothing paid twice. */
export async function findShareRedPacket(tx: Queryable, shareId: string): Promise<RedPacketJson | null> {
  const [row] = await tx.query<{ id: string; amount_fen: number }>(
    `select id, amount_fen from red_packets where share_id = $1 and kind = 'share'`,
    [shareId],
  );
  return row ? { redPacketId: row.id, amountFen: row.amount_fen } : null;
}
