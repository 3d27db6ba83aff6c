/**
 * Bounds a marketer's campaign must stay within. The function's schema (contract/campaignSchema.ts),
 * the cross-field rules (cloud/domain/campaignRules.ts) and the console's form all read them here.
 */
export const CAMPAIGN_LIMITS = {
  maxWindowDays: 120,
  maxBudgetFen: 100_000_000_000, // one billion yuan
  maxPacketFen: 2_000_000, // 20,000 yuan
  maxDailyCap: 1_000,
  maxSplitTimesPerDay: 6,
  minMembersFloor: 2,
  maxMembersCeiling: 50,
  maxWinners: 1_000,
  grandPrizeCapFen: 5_000_000, // 50,000 yuan, the product's ceiling
} as const;

/** The longest refund window, in days, that a campaign may set. */
export const MAX_REFUND_WINDOW_DAYS = 30;
