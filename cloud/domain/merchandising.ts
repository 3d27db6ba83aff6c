/**
 * Rules of what marketers create: coupon templates and group-buy deals. Pure: times are passed in.
 * Field rules (types, bounds) are the contract's schemas (contract/merchandisingSchema.ts); these
 * are the rules across fields and against what already exists, each answered as a field and a
 * Chinese message, so a 142 can name the field.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

export type CouponTemplateKind = 'cross_store' | 'shop' | 'percent';

export interface CouponTemplateTerms {
  kind: CouponTemplateKind;
  shopName: string | null;
  thresholdFen: number;
  discountFen: number;
  percentOff: number | null;
  capFen: number | null;
}

export interface CouponTemplateRules extends CouponTemplateTerms {
  claimStartsAt: Date | null;
  claimEndsAt: Date | null;
  validFrom: Date | null;
  validUntil: Date | null;
  validDays: number | null;
}

/** Rules across a coupon template's fields. Empty when it makes sense. */
export function couponTemplateProblems(t: CouponTemplateRules): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  switch (t.kind) {
    case 'cross_store':
      if (t.shopName !== null) add('shopName', '跨店满减券适用于所有店铺，店铺名称请留空');
      if (t.percentOff !== null) add('percentOff', '只有折扣券有折扣，跨店满减券请留空');
      if (t.discountFen < 1) add('discountFen', '跨店满减券的减免金额至少 1 分');
      else if (t.thresholdFen <= t.discountFen) add('thresholdFen', '跨店满减券的门槛（每满多少）必须大于减免金额');
      if (t.capFen !== null && t.capFen < t.discountFen) add('capFen', '封顶金额不能小于一次的减免金额');
      break;
    case 'shop':
      if (t.shopName === null) add('shopName', '店铺券要写明适用的店铺');
      if (t.percentOff !== null) add('percentOff', '只有折扣券有折扣，店铺券请留空');
      if (t.discountFen < 1) add('discountFen', '店铺券的减免金额至少 1 分');
      if (t.capFen !== null) add('capFen', '店铺券只减一次，没有封顶金额，请留空');
      break;
    case 'percent':
      if (t.shopName !== null) add('shopName', '折扣券适用于整单所有店铺，店铺名称请留空');
      if (t.percentOff === null) add('percentOff', '折扣券要写明减百分之几（例如 9 折写 10）');
      if (t.capFen === null || t.capFen < 1) add('capFen', '折扣券要有封顶金额（例如最多减 2000 分）');
      if (t.thresholdFen !== 0) add('thresholdFen', '折扣券没有门槛，请填 0');
      if (t.discountFen !== 0) add('discountFen', '折扣券按折扣计算，减免金额请填 0');
      break;
  }
  if (t.claimStartsAt && t.claimEndsAt && t.claimStartsAt.getTime() >= t.claimEndsAt.getTime())
    add('claimEndsAt', '领取结束时间必须晚于开始时间');
  if (t.validDays !== null && (t.validFrom !== null || t.validUntil !== null))
    add('validDays', '有效期二选一：固定起止时间，或领取后若干天，不能同时填写');
  if (t.validFrom && t.validUntil && t.validFrom.getTime() >= t.validUntil.getTime()) add('validUntil', '失效时间必须晚于生效时间');
  if (t.validUntil && t.claimEndsAt && t.validUntil.getTime() < t.claimEndsAt.getTime())
    add('validUntil', '失效时间不能早于领取结束时间（否则领到的券已经过期）');
  return problems;
}

export function sameCouponTerms(a: CouponTemplateTerms, b: CouponTemplateTerms): boolean {
  return (
    a.kind === b.kind &&
    a.shopName === b.shopName &&
    a.thresholdFen === b.thresholdFen &&
    a.discountFen === b.discountFen &&
    a.percentOff === b.percentOff &&
    a.capFen === b.capFen
  );
}

/**
 * An edit of a template some shoppers already claimed: the terms they claimed stay as they are
 * (their coupons read the template's terms), so only stock, limits, windows, title and status may
 * change. The stock total can be raised but never set below what has been claimed.
 */
export function couponEditProblems(
  before: CouponTemplateTerms & { campaignId: string; claimed: number },
  after: CouponTemplateTerms & { campaignId: string; stockTotal: number },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (before.campaignId !== after.campaignId)
    problems.push({ field: 'campaignId', message: '优惠券不能换到另一个活动，请在那个活动里新建' });
  if (before.claimed > 0 && !sameCouponTerms(before, after)) {
    problems.push({
      field: 'kind',
      message: `已有 ${before.claimed} 张被领取，券的类型、门槛、金额、折扣、封顶和店铺都不能再改；可以停止这张券再新建一张`,
    });
  }
  if (after.stockTotal < before.claimed)
    problems.push({ field: 'stockTotal', message: `发放总量不能少于已领取的 ${before.claimed} 张（可以增加，或停止发放）` });
  return problems;
}

/** Why a shopper cannot claim a template now (checked before the per-user limit and stock). */
export type ClaimWindowRefusal =
  { kind: 'not_live'; status: 'draft' | 'stopped' } | { kind: 'not_started'; startsAt: Date } | { kind: 'ended' };

export function claimWindowRefusal(
  t: { status: 'draft' | 'live' | 'stopped'; claimStartsAt: Date | null; claimEndsAt: Date | null },
  now: Date,
): ClaimWindowRefusal | null {
  if (t.status !== 'live') return { kind: 'not_live', status: t.status };
  if (t.claimStartsAt && now.getTime() < t.claimStartsAt.getTime()) return { kind: 'not_started', startsAt: t.claimStartsAt };
  if (t.claimEndsAt && now.getTime() >= t.claimEndsAt.getTime()) return { kind: 'ended' };
  return null;
}

const DAY_MS = 86_400_000;

/** When a coupon claimed at `claimedAt` is usable: a fixed window, or validDays from the claim; null ends are open. */
export function claimedValidity(
  t: { validFrom: Date | null; validUntil: Date | null; validDays: number | null },
  claimedAt: Date,
): { validFrom: Date | null; expiresAt: Date | null } {
  if (t.validDays !== null) return { validFrom: null, expiresAt: new Date(claimedAt.getTime() + t.validDays * DAY_MS) };
  return { validFrom: t.validFrom, expiresAt: t.validUntil };
}

/** Whether a held coupon counts in plans at `now`: after its start, before its expiry. */
export function isCouponUsable(c: { validFrom: Date | null; expiresAt: Date | null }, now: Date): boolean {
  if (c.validFrom && now.getTime() < c.validFrom.getTime()) return false;
  if (c.expiresAt && now.getTime() >= c.expiresAt.getTime()) return false;
  return true;
}

// ---------------------------------------------------------------- deals

export interface DealTerms {
  productId: string;
  groupPriceFen: number;
  leaderPriceFen: number | null;
  size: number;
  timeLimitHours: number;
  virtualCompletion: boolean;
}

/** Rules across a deal's fields: the leader's price is a discount, and the group price one against the list price. */
export function dealProblems(d: DealTerms, listPriceFen: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (d.leaderPriceFen !== null && d.leaderPriceFen > d.groupPriceFen)
    problems.push({ field: 'leaderPriceFen', message: '团长价不能高于拼团价' });
  if (d.groupPriceFen >= listPriceFen) problems.push({ field: 'groupPriceFen', message: `拼团价必须低于商品原价（${listPriceFen} 分）` });
  return problems;
}

/** True when anything a payer of a group buy agreed to differs: then an edit makes a new version. */
export function dealTermsChanged(a: DealTerms, b: DealTerms): boolean {
  return (
    a.productId !== b.productId ||
    a.groupPriceFen !== b.groupPriceFen ||
    a.leaderPriceFen !== b.leaderPriceFen ||
    a.size !== b.size ||
    a.timeLimitHours !== b.timeLimitHours ||
    a.virtualCompletion !== b.virtualCompletion
  );
}

export function dealEditProblems(
  before: { campaignId: string; openingsUsed: number },
  after: { campaignId: string; openingsTotal: number | null },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (before.campaignId !== after.campaignId) problems.push({ field: 'campaignId', message: '拼团不能换到另一个活动，请在那个活动里新建' });
  if (after.openingsTotal !== null && after.openingsTotal < before.openingsUsed)
    problems.push({ field: 'openingsTotal', message: `可开团总数不能少于已开的 ${before.openingsUsed} 个团` });
  return problems;
}

/** What the one who opens a group buy pays: the leader's price when the deal has one. */
export function openerPriceFen(d: { groupPriceFen: number; leaderPriceFen: number | null }): number {
  return d.leaderPriceFen ?? d.groupPriceFen;
}
