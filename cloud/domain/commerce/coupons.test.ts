import { checkClaim, termsProblem } from './coupons';

describe('coupon claims', () => {
  const ok = { campaignRunning: true, heldCount: 0, perUserLimit: 2, stockLeft: 5 };

  it('allows a claim within limit and stock', () => {
    expect(checkClaim(ok)).toBeNull();
  });

  it('checks campaign, then the per-user limit, then stock', () => {
    expect(checkClaim({ ...ok, campaignRunning: false, heldCount: 2, stockLeft: 0 })).toEqual({ kind: 'campaign_not_running' });
    expect(checkClaim({ ...ok, heldCount: 2, stockLeft: 0 })).toEqual({ kind: 'limit', limit: 2 });
    expect(checkClaim({ ...ok, heldCount: 1, stockLeft: 0 })).toEqual({ kind: 'out_of_stock' });
  });

  it('accepts sensible terms and names the broken rule otherwise', () => {
    expect(termsProblem({ kind: 'cross_store', shopName: null, thresholdFen: 40_000, discountFen: 5_000, capFen: null })).toBeNull();
    expect(termsProblem({ kind: 'shop', shopName: '优衣库官方旗舰店', thresholdFen: 0, discountFen: 500, capFen: null })).toBeNull();
    expect(termsProblem({ kind: 'cross_store', shopName: null, thresholdFen: 5_000, discountFen: 5_000, capFen: null })).toMatch(
      /below its threshold/,
    );
    expect(termsProblem({ kind: 'cross_store', shopName: null, thresholdFen: 40_000, discountFen: 5_000, capFen: 100 })).toMatch(/capFen/);
    expect(termsProblem({ kind: 'shop', shopName: null, thresholdFen: 100, discountFen: 5, capFen: null })).toMatch(/names its shop/);
    expect(termsProblem({ kind: 'shop', shopName: 's', thresholdFen: 100, discountFen: 0, capFen: null })).toMatch(/discountFen/);
    expect(termsProblem({ kind: 'shop', shopName: 's', thresholdFen: 100, discountFen: 1.5, capFen: null })).toMatch(/discountFen/);
  });
});
