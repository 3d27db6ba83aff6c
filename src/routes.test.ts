import { campaignUrl, groupBuyUrl, h5ShareLink, joinPathOf, pooledOrdersUrl, pooledOrderUrl, withQuery } from './routes';

describe('routes', () => {
  it('builds queries and skips empty values', () => {
    expect(withQuery('/a', { x: '1', y: undefined, z: '' })).toBe('/a?x=1');
    expect(withQuery('/a', { code: 'a b&c' })).toBe('/a?code=a%20b%26c');
  });

  it('links the campaign page by slug, or to the running campaign without one', () => {
    expect(campaignUrl('double11-demo')).toBe('/packages/campaign/index/index?slug=double11-demo');
    expect(campaignUrl()).toBe('/packages/campaign/index/index');
  });

  it('links pooled orders by group and by id, and a group buy by id', () => {
    expect(pooledOrdersUrl('g1')).toBe('/packages/shop/pooledList/index?groupId=g1');
    expect(pooledOrderUrl('p1')).toBe('/packages/shop/pooled/index?id=p1');
    expect(groupBuyUrl('b1')).toBe('/packages/shop/groupbuy/index?id=b1');
  });

  it('uses the server path when it points at the join page', () => {
    expect(joinPathOf({ inviteCode: 'AB12', path: 'packages/group/join/index?code=AB12' })).toBe('/packages/group/join/index?code=AB12');
    expect(joinPathOf({ inviteCode: 'AB12', path: '/packages/group/join/index?code=AB12' })).toBe('/packages/group/join/index?code=AB12');
  });

  it('rebuilds the path when the server path is missing or elsewhere', () => {
    expect(joinPathOf({ inviteCode: 'AB12', path: '' })).toBe('/packages/group/join/index?code=AB12');
    expect(joinPathOf({ inviteCode: 'AB12', path: '/pages/join?code=AB12' })).toBe('/packages/group/join/index?code=AB12');
  });

  it('puts the join path in the hash of the H5 link', () => {
    expect(h5ShareLink('/packages/group/join/index?code=X', { origin: 'http://127.0.0.1:3000', pathname: '/' })).toBe(
      'http://127.0.0.1:3000/#/packages/group/join/index?code=X',
    );
  });
});
