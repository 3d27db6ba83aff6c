import type { UserCouponJson } from '../../contract/commerce';
import {
  claimStateOf,
  couponRule,
  couponStackNote,
  couponUseOf,
  couponYuan,
  heldCouponState,
  HELD_COUPON_LABELS,
  sortMyCoupons,
  stackMyCoupons,
} from './coupons';

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

describe('stackMyCoupons', () => {
  const now = Date.parse('2026-11-05T00:00:00.000Z');
  const held = (couponId: string, status: 'available' | 'used', claimedAt: string, more: Partial<UserCouponJson> = {}): UserCouponJson => ({
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
    expiresAt: '2026-11-11T16:00:00.000Z',
    pooledOrderId: null,
    claimedAt,
    ...more,
  });

  it('shows identical coupons once with their count, usable ones first', () => {
    const stacks = stackMyCoupons(
      [
        held('a1', 'available', '2026-11-01T00:00:00.000Z'),
        held('a2', 'available', '2026-11-02T00:00:00.000Z'),
        held('a3', 'available', '2026-11-03T00:00:00.000Z'),
        held('b1', 'available', '2026-11-03T00:00:00.000Z', { templateId: 'shop' }),
        held('u1', 'used', '2026-11-04T00:00:00.000Z', { pooledOrderId: 'p1' }),
        held('u2', 'used', '2026-11-04T00:00:00.000Z', { pooledOrderId: 'p2' }),
        held('old', 'available', '2026-10-01T00:00:00.000Z', { templateId: 'last-year', expiresAt: '2025-11-11T16:00:00.000Z' }),
        held('soon', 'available', '2026-11-04T00:00:00.000Z', { templateId: 'later', validFrom: '2026-11-10T00:00:00.000Z' }),
      ],
      now,
    );
    expect(stacks.map((s) => [s.coupon.templateId, s.coupon.status, s.count])).toEqual([
      ['t', 'available', 3],
      ['shop', 'available', 1],
      ['later', 'available', 1],
      ['last-year', 'available', 1],
      ['t', 'used', 1],
      ['t', 'used', 1],
    ]);
  });

  it('says until when a stack can be used, or why not', () => {
    const note = (coupon: UserCouponJson) => couponStackNote(stackMyCoupons([coupon], now)[0]!);
    expect(note(held('a', 'available', '2026-11-01T00:00:00.000Z'))).toMatch(/^\d\d-\d\d \d\d:\d\d 前有效 · 在小黑群「领券拼单」里使用$/);
    expect(note(held('n', 'available', '2026-11-01T00:00:00.000Z', { expiresAt: null }))).toBe(
      '本期活动内有效 · 在小黑群「领券拼单」里使用',
    );
    expect(note(held('x', 'available', '2026-11-01T00:00:00.000Z', { expiresAt: '2026-11-01T00:00:00.000Z' }))).toMatch(/^已于 .* 过期$/);
    expect(note(held('s', 'available', '2026-11-01T00:00:00.000Z', { validFrom: '2026-11-10T00:00:00.000Z' }))).toMatch(/起可用$/);
    expect(note(held('u', 'used', '2026-11-01T00:00:00.000Z', { pooledOrderId: 'p' }))).toContain('已用在一个拼单里');
  });

  it('leads 去使用 to the pooled orders where the coupon can be used', () => {
    const stackOf = (coupon: UserCouponJson) => stackMyCoupons([coupon], now)[0]!;
    const usable = stackOf(held('a', 'available', '2026-11-01T00:00:00.000Z'));
    expect(couponUseOf(usable, ['g1'])).toEqual({ kind: 'group', groupId: 'g1' });
    expect(couponUseOf(usable, ['g1', 'g2'])).toEqual({ kind: 'pick_group' });
    expect(couponUseOf(usable, [])).toBeNull();
    expect(
      couponUseOf(stackOf(held('x', 'available', '2026-11-01T00:00:00.000Z', { expiresAt: '2026-11-01T00:00:00.000Z' })), ['g1']),
    ).toBeNull();
    expect(
      couponUseOf(stackOf(held('s', 'available', '2026-11-01T00:00:00.000Z', { validFrom: '2026-11-10T00:00:00.000Z' })), ['g1']),
    ).toBeNull();
    expect(couponUseOf(stackOf(held('u', 'used', '2026-11-01T00:00:00.000Z', { pooledOrderId: 'p' })), ['g1'])).toEqual({
      kind: 'pooled_order',
      pooledOrderId: 'p',
    });
  });
});
