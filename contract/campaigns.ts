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
  /** One row per campaign day (in the campaign's time zone). */
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

export interface AuditEntryJson {
  auditId: string;
  campaignId: string | null;
  actorId: string | null;
  actorName: string;
  action: string;
  detail: Record<string, unknown>;
  createdAt: string;
}

export interface CampaignFunctions {
  saveCampaign: { params: { campaign: CampaignInputJson }; result: { campaign: CampaignJson } };
  getCampaign: { params: { campaignId: string }; result: { campaign: CampaignJson; published: CampaignJson | null } };
  listCampaigns: { params: Record<string, never>; result: { campaigns: CampaignJson[] } };
  publishCampaign: { params: { campaignId: string }; result: { campaign: CampaignJson } };
  pauseCampaign: { params: { campaignId: string }; result: { campaign: CampaignJson } };
  resumeCampaign: { params: { campaignId: string }; result: { campaign: CampaignJson } };
  endCampaign: { params: { campaignId: string }; result: { campaign: CampaignJson } };
  /** Anyone: the published content of a campaign page. Without a slug: the running campaign. */
  getCampaignPage: { params: { slug?: string }; result: CampaignPageView };
  campaignStats: { params: { campaignId: string }; result: CampaignStatsJson };
  listAuditLog: { params: { campaignId?: string; limit?: number }; result: { entries: AuditEntryJson[] } };
  /** CSV with a header row: username,gender,taoqi[,roles][,nickname][,password]; roles separated by `|`. */
  importUsersCsv: {
    params: { csv: string };
    result: { created: number; updated: number; rejected: Array<{ row: number; username: string | null; reason: string }> };
  };
  /** Master key: grant or revoke a role. */
  setUserRoles: { params: { username: string; roles: Array<'marketer' | 'operator'> }; result: { username: string; roles: string[] } };
}
