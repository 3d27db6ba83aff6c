/**
 * Campaigns: what marketers configure, publish and watch. Amounts in fen; times ISO 8601 with
 * an offset; `timeZone` is an IANA name (Asia/Shanghai).
 */
export type CampaignStatus = 'draft' | 'published' | 'paused' | 'ended';

/** 'random': 拼手气 shares with at least 1 fen each; 'equal': the same share, by largest remainder. */
export type SplitPolicy = 'random' | 'equal';

export interface CampaignRulesJson {
  /** Who may create a group. `creatorGender` null: anyone. */
  creatorGender: 'female' | 'male' | null;
  creatorMinTaoqi: number;
  minMembers: number;
  maxMembers: number;
  maxGroupsCreatedPerUser: number;
  maxGroupsJoinedPerUser: number;
}

export interface CampaignMoneyJson {
  budgetFen: number;
  shareReward: { probability: number; minFen: number; maxFen: number; dailyCapPerUser: number };
  /** Either fixedFen, or perMille of the line amount; capped by capFen. */
  purchaseReward: { fixedFen?: number; perMille?: number; capFen: number };
  split: { policy: SplitPolicy; dailyAt: string[]; finalSplit: boolean };
  grandPrize: { budgetFen: number; winners: number; capFen: number };
  /**
   * Days after payment during which an order can still be refunded (七天无理由退货; default 7,
   * 0-30): a purchase packet stays pending, out of the splits, until then or until the order
   * system reports the order completed.
   */
  refundWindowDays?: number;
}

export interface CampaignPageJson {
  title: string;
  bannerUrl: string;
  rulesText: string;
  /** #rrggbb */
  primaryColor: string;
  backgroundColor: string;
}

/** What a marketer edits (a draft). */
export interface CampaignInputJson {
  campaignId?: string;
  slug: string;
  name: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  rules: CampaignRulesJson;
  money: CampaignMoneyJson;
  page: CampaignPageJson;
}

export interface CampaignJson extends Required<Pick<CampaignInputJson, 'campaignId'>>, Omit<CampaignInputJson, 'campaignId'> {
  status: CampaignStatus;
  /** Published versions are immutable; 0 until first published. */
  version: number;
  /** True when the draft differs from the published version (edits waiting to be published). */
  hasUnpublishedChanges: boolean;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** When endCampaign ended it (null until then). Ended before `endsAt`: the campaign closed then. */
  endedAt: string | null;
}

export interface CampaignPageView {
  campaignId: string;
  slug: string;
  name: string;
  status: CampaignStatus;
  running: boolean;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  nextSplitAt: string | null;
  page: CampaignPageJson;
  rules: CampaignRulesJson;
  /** The reward rules a shopper needs to know, in fen. */
  rewards: { shareMinFen: number; shareMaxFen: number; purchaseCapFen: number; grandPrizeCapFen: number };
}

export interface CampaignStatsJson {
  campaignId: string;
  totals: {
    groupsCreated: number;
    groupsActive: number;
    members: number;
    shares: number;
    /** Shares that got a response (a want, a purchase through the share, or a join in the following 24 h). */
    sharesWithResponse: number;
    purchasesThroughShares: number;
    redPacketsIssued: number;
    redPacketsFen: number;
    splits: number;
    splitFen: number;
    budgetFen: number;
    budgetSpentFen: number;
  };
  /** Now, as the server saw it, and today's date in the campaign's time zone (YYYY-MM-DD). */
  asOf: string;
  today: string;
  /**
   * One row per campaign day (in the campaign's time zone) from the first day up to today (or the
   * day it ended): never a future day. Empty before the campaign starts.
   */
  daily: Array<{
    date: string;
    groupsCreated: number;
    groupsActive: number;
    shares: number;
    purchasesThroughShares: number;
    redPacketsIssued: number;
    splitFen: number;
    budgetSpentFen: number;
    /** Straight-line plan: the budget spread evenly over the window, cumulative. */
    budgetPlanFen: number;
  }>;
  /** The campaign days still to come (after today), with only the plan: no actual numbers exist yet. Empty once ended. */
  planned: Array<{ date: string; budgetPlanFen: number }>;
  /** Every coupon of the campaign: how many were claimed and how many used in an order. */
  coupons: Array<{
    templateId: string;
    title: string;
    kind: 'cross_store' | 'shop' | 'percent';
    stockTotal: number;
    stockLeft: number;
    claimed: number;
    used: number;
  }>;
  /**
   * Every deal (拼团) of the campaign, by its dealId (the same across versions; the current version's terms): group buys
   * opened on any version, open now, succeeded, failed; GMV = what the paid seats of succeeded buys paid.
   */
  deals: Array<{
    dealId: string;
    productId: string;
    title: string;
    groupPriceFen: number;
    size: number;
    opened: number;
    open: number;
    succeeded: number;
    failed: number;
    gmvFen: number;
  }>;
  /** The 10 groups that shared most in the window (then by purchases through their shares). */
  topGroups: Array<{ groupId: string; name: string; memberCount: number; shares: number; purchasesThroughShares: number }>;
  /** The 10 catalog products shared most in the window. */
  topSharedProducts: Array<{ productId: string; title: string; shopName: string; shares: number; purchasesThroughShares: number }>;
  funnel: {
    /** Members who shared at least once / all members. */
    shareRate: number;
    /** Shares with a response / shares. */
    responseRate: number;
    /** The brief's reference figures. */
    benchmarkShareRate: 0.41;
    benchmarkResponseRate: 0.68;
  };
}

/** One changed value of an audit entry: `path` is dotted (`money.budgetFen`, `dailyAt.0`); null/absent on one side for added or removed. */
export interface AuditChangeJson {
  path: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntryJson {
  auditId: string;
  campaignId: string | null;
  /** The user behind the session, or null for the master key alone (and the scheduler). */
  actorId: string | null;
  actorName: string;
  /** True when the change was made with the master key (an operator), not a marketer's session. */
  viaMasterKey: boolean;
  /** `<kind>.<verb>`, e.g. `campaign.publish`, `coupon.update`, `user.roles` (see docs/API.md for the list). */
  action: string;
  /** The part of `action` before the dot: campaign, coupon, deal, product, user, split, grand_prize, … */
  kind: string;
  /** For changes: `{before, after}` (null for a creation / deletion side) plus action-specific fields. */
  detail: Record<string, unknown>;
  /** Field-level difference of detail.before → detail.after (empty when the entry has no before/after). */
  changes: AuditChangeJson[];
  createdAt: string;
}

/** What ending a campaign now does (previewEndCampaign), or did (endCampaign). */
export interface CampaignClosingJson {
  /** The planned end (the published window's end). */
  endsAt: string;
  /** When the campaign closes: the moment it is (was) ended when that is before endsAt, else endsAt. */
  closesAt: string;
  /** True when ending closes the campaign before its planned end. */
  early: boolean;
  /** The final split (null when the campaign has none): all group pools are split among members at `at`. */
  finalSplit: { at: string; groupsWithMoney: number; poolFen: number } | null;
  /** Purchase packets still pending (refund window): paid into the pools at the settlement split, `at`. */
  settlementSplit: { at: string; pendingFen: number } | null;
  /** Unspent reward budget (stays in the campaign's budget account). */
  budgetLeftFen: number;
  grandPrize: {
    /** commitGrandPrize was called (required before the draw). */
    committed: boolean;
    drawn: boolean;
    /** From when the operator can draw it (= closesAt). */
    drawableFrom: string;
    budgetFen: number;
    winners: number;
    /** Shoppers eligible so far (by the rules of the draw, over the campaign's window up to closesAt). */
    eligible: number;
  };
}

export interface CampaignFunctions {
  saveCampaign: { params: { campaign: CampaignInputJson }; result: { campaign: CampaignJson } };
  getCampaign: { params: { campaignId: string }; result: { campaign: CampaignJson; published: CampaignJson | null } };
  listCampaigns: { params: Record<string, never>; result: { campaigns: CampaignJson[] } };
  publishCampaign: { params: { campaignId: string }; result: { campaign: CampaignJson } };
  pauseCampaign: { params: { campaignId: string }; result: { campaign: CampaignJson } };
  resumeCampaign: { params: { campaignId: string }; result: { campaign: CampaignJson } };
  /** Ends the campaign; before its endsAt it closes now (final split and grand prize at this moment). */
  endCampaign: { params: { campaignId: string }; result: { campaign: CampaignJson; closing: CampaignClosingJson } };
  /** What ending now would do (for a confirmation); changes nothing. */
  previewEndCampaign: { params: { campaignId: string }; result: { campaign: CampaignJson; closing: CampaignClosingJson } };
  /** Anyone: the published content of a campaign page. Without a slug: the running campaign. */
  getCampaignPage: { params: { slug?: string }; result: CampaignPageView };
  campaignStats: { params: { campaignId: string }; result: CampaignStatsJson };
  /**
   * Viewer, marketer or master key. Newest first; filters: campaign, actor (user id), master-key
   * entries only, kind (`campaign`, or a full action `campaign.publish`). Paged: pass `nextCursor` back as `cursor`.
   */
  listAuditLog: {
    params: { campaignId?: string; actorId?: string; viaMasterKey?: boolean; kind?: string; cursor?: string; limit?: number };
    result: { entries: AuditEntryJson[]; nextCursor: string | null };
  };
  /** CSV with a header row: username,gender,taoqi[,roles][,nickname][,password]; roles separated by `|`. */
  importUsersCsv: {
    params: { csv: string };
    result: { created: number; updated: number; rejected: Array<{ row: number; username: string | null; reason: string }> };
  };
  /** Master key: grant or revoke a role. */
  setUserRoles: {
    params: { username: string; roles: Array<'marketer' | 'viewer' | 'operator'> };
    result: { username: string; roles: string[] };
  };
}
