import { drawShareReward, purchaseRewardFen, purchaseRewardRefusal, sharedProductIds } from './rewards';

describe('red-packet rules', () => {
  const rule = { probability: 0.3, minFen: 100, maxFen: 200, dailyCapPerUser: 5 };

  it('draws a share packet with the configured chance and range', () => {
    expect(drawShareReward(rule, () => 0.3)).toBeNull();
    expect(drawShareReward(rule, () => 0.29)).toBe(100 + Math.floor(0.29 * 101));
    const values = [0.1, 0.999999];
    expect(drawShareReward(rule, () => values.shift()!)).toBe(200);
  });

  it('computes the guaranteed packet on the line amount, capped', () => {
    expect(purchaseRewardFen({ perMille: 50, capFen: 2000 }, 19_900)).toBe(995);
    expect(purchaseRewardFen({ perMille: 50, capFen: 2000 }, 99_900)).toBe(2000);
    expect(purchaseRewardFen({ fixedFen: 500, capFen: 2000 }, 1)).toBe(500);
    expect(purchaseRewardFen({ perMille: 50, capFen: 2000 }, 19)).toBe(0);
  });

  it('refuses self-dealing and strangers, in order', () => {
    const base = {
      shareUserId: 'a',
      sharedProductIds: ['p1'],
      lineProductId: 'p1',
      buyerId: 'b',
      buyerInShareGroup: true,
      groupActive: true,
    };
    expect(purchaseRewardRefusal(base)).toBeNull();
    expect(purchaseRewardRefusal({ ...base, shareUserId: null })).toBe('no_share');
    expect(purchaseRewardRefusal({ ...base, buyerId: 'a', buyerInShareGroup: false })).toBe('own_share');
    expect(purchaseRewardRefusal({ ...base, buyerInShareGroup: false, groupActive: false })).toBe('not_groupmates');
    expect(purchaseRewardRefusal({ ...base, groupActive: false })).toBe('group_not_active');
  });

  it('pays only for the shared product itself, by catalog id or the item id it was added by', () => {
    const base = {
      shareUserId: 'a',
      sharedProductIds: ['p1'],
      lineProductId: 'p1',
      buyerId: 'b',
      buyerInShareGroup: true,
      groupActive: true,
    };
    expect(purchaseRewardRefusal({ ...base, lineProductId: 'p2' })).toBe('other_product');
    expect(purchaseRewardRefusal({ ...base, sharedProductIds: [], lineProductId: 'p2', buyerId: 'a' })).toBe('other_product');
    expect(sharedProductIds({ productId: 'p1', refKind: 'item_id', itemRef: 'p1' })).toEqual(['p1']);
    expect(sharedProductIds({ productId: null, refKind: 'item_id', itemRef: '6200' })).toEqual(['6200']);
    expect(sharedProductIds({ productId: null, refKind: 'share_code', itemRef: 'AbC123' })).toEqual([]);
  });
});
