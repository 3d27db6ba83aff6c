import type { DealJson } from '../../../contract/commerce';
import { joinGroupBuySheet, openGroupBuySheet, pooledConfirmSheet } from './checkoutSheets';

const deal = {
  dealId: 'd',
  size: 3,
  timeLimitHours: 24,
  groupPriceFen: 9_900,
  product: { title: '兰蔻小黑瓶', priceFen: 12_900 },
} as unknown as DealJson;

describe('checkout sheets', () => {
  it('opening a group buy: the price, the terms, and a pay button', () => {
    expect(openGroupBuySheet(deal, null)).toEqual({
      title: '开一个 3 人团：兰蔻小黑瓶',
      amount: '¥99.00',
      lines: ['先支付团购价 ¥99.00', '24 小时内拼满 3 人即成功，拼不满全额退款。'],
      confirmText: '支付开团',
    });
    expect(openGroupBuySheet(deal, 1_000).lines[0]).toBe('先支付团购价：红包抵扣 ¥10.00，还需支付 ¥89.00');
  });

  it('joining asks like opening does, with the seats left after her', () => {
    const sheet = joinGroupBuySheet({ deal, size: 3, seatsTaken: 1 }, undefined);
    expect(sheet).toMatchObject({ title: '参加 3 人团：兰蔻小黑瓶', amount: '¥99.00', confirmText: '支付参团' });
    expect(sheet.lines).toEqual(['支付团购价 ¥99.00', '你参团后还差 1 人，截止前拼满即成功，拼不满全额退款。']);
    expect(joinGroupBuySheet({ deal, size: 3, seatsTaken: 2 }, null).lines[1]).toBe('你是最后一位，参团即成团。');
  });

  it('confirming a pooled order: her part and that the lines freeze', () => {
    const sheet = pooledConfirmSheet(17_778, 17_778);
    expect(sheet).toMatchObject({ title: '确认拼单并付款', amount: '¥177.78', confirmText: '确认支付' });
    expect(sheet.lines[0]).toBe('支付你的部分：红包抵扣 ¥177.78，无需再付款');
    expect(sheet.lines[1]).toContain('确认后拼单的商品就不能再改了');
  });
});
