import type { UserCouponJson } from '../../contract/commerce';
import { claimStateOf, couponRule, couponYuan, heldCouponState, HELD_COUPON_LABELS, sortMyCoupons } from './coupons';

describe('couponYuan', () => {
  it.each([
    [30_000, '¥300'],
    [1_250, '¥12.50'],
    [5, '¥0.05'],
  ])('%i fen → %s', (fen, text) => {
    expect(couponYuan(fen)).toBe(text);
  });
});

describe('couponRule', () => {
  it('says a cross-store coupon repeats, with its cap when there is one', () => {
    expect(couponRule({ kind: 'percent', shopName: null, thresholdFen: 0, discountFen: 0, percentOff: 10, capFen: 2_000 })).toBe(
      '全场9折，每单最多减¥20',
    );
    expect(couponRule({ kind: 'percent', shopName: null, thresholdFen: 0, discountFen: 0, percentOff: 15, capFen: 1_050 })).toBe(
      '全场8.5折，每单最多减¥10.50',
    );
    expect(couponRule({ kind: 'cross_store', shopName: null, thresholdFen: 30_000, discountFen: 4_000, capFen: null })).toBe(
      '跨店每满¥300减¥40',
    );
    expect(couponRule({ kind: 'cross_store', shopName: null, thresholdFen: 40_000, discountFen: 5_000, capFen: 20_000 })).toBe(
      '跨店每满¥400减¥50，每单最多减¥200',
    );
  });
  it('names the shop of a shop coupon', () => {
    expect(couponRule({ kind: 'shop', shopName: '李宁官方旗舰店', thresholdFen: 19_900, discountFen: 2_050, capFen: null })).toBe(
      '李宁官方旗舰店满¥199减¥20.50',
    );
  });
});

describe('claimStateOf', () => {
  it.each([
    [{ heldCount: 0, perUserLimit: 1, stockLeft: 3 }, 'claimable'],
    [{ heldCount: 1, perUserLimit: 1, stockLeft: 3 }, 'held_max'],
    [{ heldCount: 1, perUserLimit: 1, stockLeft: 0 }, 'held_max'],
    [{ heldCount: 0, perUserLimit: 2, stockLeft: 0 }, 'sold_out'],
  ] as const)('%o → %s', (template, state) => {
    expect(claimStateOf(template)).toBe(state);
  });
});

describe('sortMyCoupons', () => {
  const coupon = (couponId: string, status: 'available' | 'used', claimedAt: string): UserCouponJson => ({
    couponId,
    templateId: 't',
    kind: 'cross_store',
    title: couponId,
    shopName: null,
    thresholdFen: 100,
    discountFen: 10,
    percentOff: null,
    capFen: null,
    status,
    validFrom: null,
    expiresAt: null,
    pooledOrderId: null,
    claimedAt,
  });
  it('puts available coupons first, newest first', () => {
    const sorted = sortMyCoupons([
      coupon('old-used', 'used', '2026-11-01T00:00:00.000Z'),
      coupon('old', 'available', '2026-11-01T00:00:00.000Z'),
      coupon('new', 'available', '2026-11-02T00:00:00.000Z'),
      coupon('new-used', 'used', '2026-11-03T00:00:00.000Z'),
    ]);
    expect(sorted.map((c) => c.couponId)).toEqual(['new', 'old', 'new-used', 'old-used']);
  });
});

describe('heldCouponState', () => {
  const now = Date.parse('2026-11-11T00:00:00.000Z');
  const held = (c: Partial<Pick<UserCouponJson, 'status' | 'validFrom' | 'expiresAt'>>) => ({
    status: 'available' as const,
    validFrom: null,
    expiresAt: null,
    ...c,
  });
  it('tells used, expired, not yet valid and usable coupons apart', () => {
    expect(heldCouponState(held({}), now)).toBe('available');
    expect(heldCouponState(held({ status: 'used', expiresAt: '2026-11-10T00:00:00.000Z' }), now)).toBe('used');
    expect(heldCouponState(held({ expiresAt: '2026-11-11T00:00:00.000Z' }), now)).toBe('expired');
    expect(heldCouponState(held({ expiresAt: '2026-11-12T00:00:00.000Z' }), now)).toBe('available');
    expect(heldCouponState(held({ validFrom: '2026-11-12T00:00:00.000Z' }), now)).toBe('not_yet');
    expect(HELD_COUPON_LABELS[heldCouponState(held({ expiresAt: '2026-11-01T00:00:00.000Z' }), now)]).toBe('已过期');
  });
});
