import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DealAdminJson } from '../../contract/merchandising';
import { linkLinesCsv, parseLinkLines } from './catalogImport';
import { setLang } from './i18n';
import {
  changesDealTerms,
  couponInput,
  dealFormFrom,
  dealInput,
  newCouponForm,
  newDealForm,
  productInput,
  newProductForm,
} from './merchForms';

beforeAll(() => setLang('en'));
afterAll(() => setLang('zh-CN'));

const TZ = 'Asia/Shanghai';

describe('the coupon form', () => {
  it('sends a cross-store coupon in fen with its validity in days', () => {
    const { input, errors } = couponInput({ ...newCouponForm('c1'), title: ' 满减 ', capYuan: '100' }, TZ);
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      campaignId: 'c1',
      kind: 'cross_store',
      title: '满减',
      shopName: null,
      thresholdFen: 30_000,
      discountFen: 5_000,
      percentOff: null,
      capFen: 10_000,
      validDays: 7,
      validFrom: null,
      validUntil: null,
      claimStartsAt: null,
    });
  });

  it('sends only what a kind uses: a percent coupon has no threshold, a shop coupon no cap', () => {
    const percent = couponInput({ ...newCouponForm('c1'), kind: 'percent', percentOff: '15', capYuan: '20' }, TZ).input;
    expect(percent).toMatchObject({ thresholdFen: 0, discountFen: 0, percentOff: 15, capFen: 2_000 });
    const shop = couponInput({ ...newCouponForm('c1'), kind: 'shop', shopName: '小美旗舰店', capYuan: '5' }, TZ).input;
    expect(shop).toMatchObject({ shopName: '小美旗舰店', capFen: null, percentOff: null });
  });

  it('takes fixed dates in the campaign zone', () => {
    const { input } = couponInput(
      { ...newCouponForm('c1'), validity: 'fixed', validFromLocal: '2026-11-01T00:00', validUntilLocal: '2026-11-12T00:00' },
      TZ,
    );
    expect(input).toMatchObject({ validDays: null, validFrom: '2026-11-01T00:00:00+08:00', validUntil: '2026-11-12T00:00:00+08:00' });
  });

  it('never lowers the stock below what is claimed, and says where each value is wrong', () => {
    const { input, errors } = couponInput({ ...newCouponForm('c1'), stockTotal: '5', discountYuan: '1.234', perUserLimit: 'x' }, TZ, 8);
    expect(input).toBeNull();
    expect(errors).toEqual({
      stockTotal: ['at least 8: that many are already claimed'],
      discountFen: ['enter an amount in yuan, e.g. 8.88 (at most 2 decimals)'],
      perUserLimit: ['enter a whole number'],
    });
  });
});

describe('the deal form', () => {
  const deal: DealAdminJson = {
    dealId: 'd1',
    versionId: 'v1',
    version: 1,
    campaignId: 'c1',
    productId: 'p1',
    groupPriceFen: 990,
    leaderPriceFen: null,
    size: 2,
    timeLimitHours: 24,
    virtualCompletion: false,
    perUserLimit: 1,
    openingsTotal: null,
    status: 'live',
    product: { productId: 'p1', title: '面霜', shopName: '小美', priceFen: 12_900, imageUrl: null },
    openingsUsed: 3,
    openGroupBuys: 1,
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
  };

  it('asks for a product and sends prices in fen, empty limits as none', () => {
    expect(dealInput(newDealForm('c1')).errors).toMatchObject({ productId: ['choose a product'] });
    expect(dealInput({ ...newDealForm('c1'), productId: 'p1', groupPriceYuan: '9.9' }).input).toMatchObject({
      groupPriceFen: 990,
      leaderPriceFen: null,
      openingsTotal: null,
      perUserLimit: 1,
    });
  });

  it('knows which edits make a new version: the terms, not the status or the limits', () => {
    const form = dealFormFrom(deal);
    expect(changesDealTerms(form, deal)).toBe(false);
    expect(changesDealTerms({ ...form, status: 'stopped', openingsTotal: '10', perUserLimit: '2' }, deal)).toBe(false);
    expect(changesDealTerms({ ...form, groupPriceYuan: '8.8' }, deal)).toBe(true);
    expect(changesDealTerms({ ...form, size: '3' }, deal)).toBe(true);
  });
});

describe('the product form and the import from links', () => {
  it('needs a link to create, and sends images one per line', () => {
    expect(productInput(newProductForm()).errors).toMatchObject({ link: ['paste the item link or its id'] });
    const { input } = productInput({
      ...newProductForm(),
      link: 'https://item.taobao.com/item.htm?id=1',
      title: '面霜',
      shopName: '小美',
      priceYuan: '129',
      category: '美妆',
      imagesText: ' https://a.example/1.jpg \n\nhttps://a.example/2.jpg',
    });
    expect(input).toMatchObject({ priceFen: 12_900, images: ['https://a.example/1.jpg', 'https://a.example/2.jpg'], stock: null });
  });

  it('turns pasted lines into the catalog CSV, prices in fen', () => {
    const text =
      'https://item.taobao.com/item.htm?id=2, 口红, 小美, 89.5, 美妆\nhttps://item.taobao.com/item.htm?id=3\t眼影\t小美\t十元\t美妆';
    const lines = parseLinkLines(text);
    expect(lines.map((l) => l.priceFen)).toEqual([8_950, null]);
    expect(linkLinesCsv(lines, text).split('\r\n')).toEqual([
      'link,title,shopName,priceFen,category',
      'https://item.taobao.com/item.htm?id=2,口红,小美,8950,美妆',
      'https://item.taobao.com/item.htm?id=3,眼影,小美,十元,美妆',
      '',
    ]);
  });
});
