import {
  claimedValidity,
  claimWindowRefusal,
  couponEditProblems,
  couponTemplateProblems,
  dealEditProblems,
  dealProblems,
  dealTermsChanged,
  isCouponUsable,
  openerPriceFen,
  type CouponTemplateRules,
  type DealTerms,
} from './merchandising';

const at = (iso: string) => new Date(iso);
const cross: CouponTemplateRules = {
  kind: 'cross_store',
  shopName: null,
  thresholdFen: 10_000,
  discountFen: 1_000,
  percentOff: null,
  capFen: null,
  claimStartsAt: null,
  claimEndsAt: null,
  validFrom: null,
  validUntil: null,
  validDays: null,
};
const fields = (t: CouponTemplateRules) => couponTemplateProblems(t).map((p) => p.field);

describe('coupon template rules', () => {
  it('accept each kind with its own fields', () => {
    expect(couponTemplateProblems(cross)).toEqual([]);
    expect(couponTemplateProblems({ ...cross, kind: 'shop', shopName: '某店', thresholdFen: 0 })).toEqual([]);
    expect(couponTemplateProblems({ ...cross, kind: 'percent', thresholdFen: 0, discountFen: 0, percentOff: 10, capFen: 2_000 })).toEqual(
      [],
    );
  });

  it('name the field of each rule a kind breaks', () => {
    expect(fields({ ...cross, thresholdFen: 1_000 })).toEqual(['thresholdFen']);
    expect(fields({ ...cross, capFen: 500 })).toEqual(['capFen']);
    expect(fields({ ...cross, shopName: '某店', percentOff: 5 })).toEqual(['shopName', 'percentOff']);
    expect(fields({ ...cross, kind: 'shop', capFen: 100 })).toEqual(['shopName', 'capFen']);
    expect(fields({ ...cross, kind: 'percent', percentOff: null })).toEqual(['percentOff', 'capFen', 'thresholdFen', 'discountFen']);
  });

  it('check windows and validity across fields', () => {
    const t = { ...cross, claimStartsAt: at('2026-11-02T00:00:00Z'), claimEndsAt: at('2026-11-01T00:00:00Z') };
    expect(fields(t)).toEqual(['claimEndsAt']);
    expect(fields({ ...cross, validDays: 3, validFrom: at('2026-11-01T00:00:00Z') })).toEqual(['validDays']);
    expect(fields({ ...cross, validFrom: at('2026-11-02T00:00:00Z'), validUntil: at('2026-11-01T00:00:00Z') })).toEqual(['validUntil']);
    expect(fields({ ...cross, claimEndsAt: at('2026-11-12T00:00:00Z'), validUntil: at('2026-11-11T00:00:00Z') })).toEqual(['validUntil']);
  });

  it('keep claimed terms and stock no lower than what is claimed', () => {
    const before = { ...cross, campaignId: 'c1', claimed: 3 };
    expect(couponEditProblems(before, { ...cross, campaignId: 'c1', stockTotal: 3 })).toEqual([]);
    expect(couponEditProblems(before, { ...cross, campaignId: 'c1', stockTotal: 2 }).map((p) => p.field)).toEqual(['stockTotal']);
    expect(couponEditProblems(before, { ...cross, discountFen: 2_000, campaignId: 'c1', stockTotal: 9 }).map((p) => p.field)).toEqual([
      'kind',
    ]);
    expect(couponEditProblems({ ...before, claimed: 0 }, { ...cross, discountFen: 2_000, campaignId: 'c1', stockTotal: 0 })).toEqual([]);
    expect(couponEditProblems(before, { ...cross, campaignId: 'c2', stockTotal: 9 }).map((p) => p.field)).toEqual(['campaignId']);
  });
});

describe('claim windows and validity', () => {
  const now = at('2026-11-11T00:00:00Z');
  it('refuse drafts, stopped templates and claims outside the window; the end is exclusive', () => {
    const live = { status: 'live' as const, claimStartsAt: null, claimEndsAt: null };
    expect(claimWindowRefusal(live, now)).toBeNull();
    expect(claimWindowRefusal({ ...live, status: 'stopped' }, now)).toEqual({ kind: 'not_live', status: 'stopped' });
    expect(claimWindowRefusal({ ...live, claimStartsAt: at('2026-11-11T00:00:01Z') }, now)).toMatchObject({ kind: 'not_started' });
    expect(claimWindowRefusal({ ...live, claimEndsAt: now }, now)).toEqual({ kind: 'ended' });
    expect(claimWindowRefusal({ ...live, claimStartsAt: now, claimEndsAt: at('2026-11-12T00:00:00Z') }, now)).toBeNull();
  });

  it('fix a claimed coupon’s validity at the claim, and count it usable only inside it', () => {
    expect(claimedValidity({ validFrom: null, validUntil: null, validDays: 3 }, now)).toEqual({
      validFrom: null,
      expiresAt: at('2026-11-14T00:00:00Z'),
    });
    const fixed = { validFrom: at('2026-11-12T00:00:00Z'), validUntil: at('2026-11-13T00:00:00Z'), validDays: null };
    const held = claimedValidity(fixed, now);
    expect(held).toEqual({ validFrom: fixed.validFrom, expiresAt: fixed.validUntil });
    expect(isCouponUsable(held, now)).toBe(false);
    expect(isCouponUsable(held, at('2026-11-12T00:00:00Z'))).toBe(true);
    expect(isCouponUsable(held, at('2026-11-13T00:00:00Z'))).toBe(false);
    expect(isCouponUsable({ validFrom: null, expiresAt: null }, now)).toBe(true);
  });
});

describe('deal rules', () => {
  const terms: DealTerms = {
    productId: 'p1',
    groupPriceFen: 900,
    leaderPriceFen: 800,
    size: 3,
    timeLimitHours: 24,
    virtualCompletion: false,
  };
  it('price the leader below the group and the group below the list price', () => {
    expect(dealProblems(terms, 1_000)).toEqual([]);
    expect(dealProblems({ ...terms, leaderPriceFen: 901 }, 1_000).map((p) => p.field)).toEqual(['leaderPriceFen']);
    expect(dealProblems(terms, 900).map((p) => p.field)).toEqual(['groupPriceFen']);
    expect(openerPriceFen(terms)).toBe(800);
    expect(openerPriceFen({ ...terms, leaderPriceFen: null })).toBe(900);
  });

  it('see every term a payer agreed to, and keep openings no lower than used', () => {
    expect(dealTermsChanged(terms, { ...terms })).toBe(false);
    for (const change of [
      { productId: 'p2' },
      { groupPriceFen: 1 },
      { leaderPriceFen: null },
      { size: 4 },
      { timeLimitHours: 1 },
      { virtualCompletion: true },
    ])
      expect(dealTermsChanged(terms, { ...terms, ...change })).toBe(true);
    expect(dealEditProblems({ campaignId: 'c', openingsUsed: 2 }, { campaignId: 'c', openingsTotal: 2 })).toEqual([]);
    expect(dealEditProblems({ campaignId: 'c', openingsUsed: 2 }, { campaignId: 'c', openingsTotal: null })).toEqual([]);
    expect(dealEditProblems({ campaignId: 'c', openingsUsed: 2 }, { campaignId: 'd', openingsTotal: 1 }).map((p) => p.field)).toEqual([
      'campaignId',
      'openingsTotal',
    ]);
  });
});
