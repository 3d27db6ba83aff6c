import type { SplitJson } from '../../../contract/money';
import type { AccountEntryRow } from '../../store/ledger';
import type { DrawRow } from '../../store/grandPrize';
import type { PendingPacket } from '../../store/redPackets';
import { splitEffectKey, type SplitCreditRow, type SplitRow } from '../../store/splits';

/* The money functions' replies, built from what the store reads. */

/** Ledger transaction kinds as the wallet shows them. */
const KIND_LABELS: Record<string, string> = { split: '瓜分红包', grand_prize: '全额返现大奖' };

/** One entry of a wallet, as the app lists it. */
export function walletEntryJson(row: AccountEntryRow) {
  return {
    entryId: String(row.id),
    amountFen: row.amount_fen,
    kind: row.kind,
    label: KIND_LABELS[row.kind] ?? row.kind,
    // split:<slot>:<groupId> — the group the money came from, for a link in the app.
    groupId: row.kind === 'split' ? row.effect_key.slice(row.effect_key.lastIndexOf(':') + 1) : null,
    createdAt: row.created_at.toISOString(),
  };
}

export function pendingPacketJson(packet: PendingPacket) {
  return { ...packet, unlocksAt: packet.unlocksAt.toISOString() };
}

/** A group's splits with each member's share (credits come largest first). */
export function splitsJson(groupId: string, rows: readonly SplitRow[], credits: readonly SplitCreditRow[]): SplitJson[] {
  return rows.map((r) => {
    const key = splitEffectKey(r.slot, groupId);
    const shares = credits
      .filter((c) => c.effect_key === key)
      .map((c) => ({ userId: c.user_id, nickname: c.nickname, amountFen: c.amount_fen }));
    return {
      slot: r.slot.toISOString(),
      totalFen: r.total_fen,
      policy: r.policy,
      shares,
      // Shares come largest first: the first is the best luck of a random split.
      bestUserId: r.policy === 'random' ? (shares[0]?.userId ?? null) : null,
    };
  });
}

export function drawJson(campaignId: string, row: DrawRow) {
  return {
    campaignId,
    seedHash: row.seed_hash,
    committedAt: row.committed_at.toISOString(),
    seed: row.seed,
    drawnAt: row.drawn_at?.toISOString() ?? null,
    eligible: row.eligible,
    winners: row.winners,
  };
}
