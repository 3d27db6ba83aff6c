import { describe, expect, it } from '@jest/globals';
import { href, parseRoute, type Route } from './router';

describe('console routes', () => {
  it('reads the payments section with its campaign and tab, the list of payments by default', () => {
    expect(parseRoute('#/payments')).toEqual({ page: 'payments', campaignId: null, tab: 'payments' });
    expect(parseRoute('#/payments?campaignId=abc&tab=days')).toEqual({ page: 'payments', campaignId: 'abc', tab: 'days' });
    expect(parseRoute('#/payments?tab=withdrawals')).toEqual({ page: 'payments', campaignId: null, tab: 'withdrawals' });
    // A tab that does not exist (an old bookmark, a typo) opens the payments list rather than nothing.
    expect(parseRoute('#/payments?campaignId=abc&tab=nope')).toEqual({ page: 'payments', campaignId: 'abc', tab: 'payments' });
    expect(parseRoute('#/payments/extra').page).toBe('notFound');
  });

  it('writes links that read back as the same route', () => {
    const routes: Route[] = [
      { page: 'payments', campaignId: null, tab: 'payments' },
      { page: 'payments', campaignId: '5f0c5c2a9d1e8a0012345678', tab: 'refunds' },
      { page: 'payments', campaignId: '5f0c5c2a9d1e8a0012345678', tab: 'days' },
      { page: 'stats', campaignId: '5f0c5c2a9d1e8a0012345678' },
      { page: 'audit', campaignId: null },
      { page: 'coupons', campaignId: 'c1' },
      { page: 'coupon', couponId: null, campaignId: 'c1' },
      { page: 'coupon', couponId: 'k1', campaignId: null },
      { page: 'deals', campaignId: null },
      { page: 'deal', dealId: 'd1', campaignId: 'c1' },
      { page: 'products' },
      { page: 'product', productId: null },
      { page: 'product', productId: 'p1' },
      { page: 'productImport' },
    ];
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
    expect(href({ page: 'payments', campaignId: 'c1', tab: 'payments' })).toBe('#/payments?campaignId=c1');
  });
});
