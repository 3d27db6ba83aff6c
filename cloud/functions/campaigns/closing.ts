import type { CampaignClosingJson } from '../../../contract/campaigns';
import { closesAt, type Campaign } from '../../domain/campaign';
import { settlementSlotOf } from '../../domain/money/purchaseUnlock';
import { closingNumbers } from '../../store/campaignStats';
import { toCampaign, type CampaignAdminRow } from '../../store/campaigns';
import { findDraw, grandPrizeEligible } from '../../store/grandPrize';
import { budgetLeftFen } from '../../store/ledger';
import type { Queryable } from '../../store/store';

/**
 * What ending a campaign at `endedAt` does: when it closes (then, if before the planned end), the
 * final split of what the pools hold, the settlement split of the pending purchase packets, and
 * the grand prize, drawable from the close. For the console's confirmation (previewEndCampaign)
 * and endCampaign's answer.
 */
export async function campaignClosing(db: Queryable, row: CampaignAdminRow, endedAt: Date): Promise<CampaignClosingJson> {
  const closes = closesAt(row.ends_at, endedAt);
  const campaign: Campaign = { ...toCampaign(row), endsAt: closes };
  const numbers = await closingNumbers(db, row.id);
  const draw = await findDraw(db, row.id);
  const eligible = row.version > 0 && closes > row.starts_at ? (await grandPrizeEligible(db, campaign)).length : 0;
  const hasFinal = row.version > 0 && closes > row.starts_at && row.config.split.finalSplit;
  const settlement = settlementSlotOf(campaign);
  return {
    endsAt: row.ends_at.toISOString(),
    closesAt: closes.toISOString(),
    early: closes < row.ends_at,
    finalSplit: hasFinal ? { at: closes.toISOString(), groupsWithMoney: numbers.groupsWithMoney, poolFen: numbers.poolFen } : null,
    settlementSplit: hasFinal && settlement > closes ? { at: settlement.toISOString(), pendingFen: numbers.pendingFen } : null,
    budgetLeftFen: await budgetLeftFen(db, row.id),
    grandPrize: {
      committed: draw !== undefined,
      drawn: Boolean(draw?.drawn_at),
      drawableFrom: closes.toISOString(),
      budgetFen: row.config.grandPrize.budgetFen,
      winners: row.config.grandPrize.winners,
      eligible,
    },
  };
}
