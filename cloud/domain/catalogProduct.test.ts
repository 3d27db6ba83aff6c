import { checkCatalogRow } from './catalogProduct';

const good = { productId: '652873401234', title: '兰蔻小黑瓶精华 50ml', shopName: '兰蔻官方旗舰店', priceFen: 108000, category: '美妆' };

describe('checkCatalogRow', () => {
  it('accepts a complete row from JSON or CSV (numbers as text)', () => {
    expect(checkCatalogRow(good)).toEqual({ ok: true, product: { ...good, imageUrl: null, shareCode: null } });
    const fromCsv = checkCatalogRow({ ...good, priceFen: '108000', imageUrl: 'https://img.example.com/a.jpg', shareCode: 'AbC123xyz0' });
    expect(fromCsv).toMatchObject({
      ok: true,
      product: { priceFen: 108000, imageUrl: 'https://img.example.com/a.jpg', shareCode: 'AbC123xyz0' },
    });
  });

  const refused: Array<[string, Record<string, unknown>, string]> = [
    ['non-numeric id', { ...good, productId: 'abc' }, 'productId'],
    ['missing title', { ...good, title: ' ' }, 'title is required'],
    ['title too long', { ...good, title: '长'.repeat(121) }, 'title must be at most 120'],
    ['invisible characters', { ...good, shopName: 'shop\u200b' }, 'invisible'],
    ['price in yuan with decimals', { ...good, priceFen: '1080.00' }, 'priceFen'],
    ['negative price', { ...good, priceFen: -1 }, 'priceFen'],
    ['absurd price', { ...good, priceFen: 99_999_999_999 }, 'priceFen'],
    ['javascript image', { ...good, imageUrl: 'javascript:alert(1)' }, 'imageUrl'],
    ['http image', { ...good, imageUrl: 'http://img.example.com/a.jpg' }, 'imageUrl'],
    ['bad share code', { ...good, shareCode: '￥AbC123xyz0￥' }, 'shareCode'],
    ['unknown field', { ...good, stock: 3 }, 'unknown field(s): stock'],
  ];
  it.each(refused)('refuses %s', (_name, row, reason) => {
    const result = checkCatalogRow(row);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
