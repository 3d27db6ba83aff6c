import { buySheet } from './buySheet';

describe('buySheet', () => {
  it('names the item, its price and that it is a demo order', () => {
    expect(buySheet({ title: '兰蔻小黑瓶', priceFen: 108_000 }, null)).toEqual({
      title: '购买「兰蔻小黑瓶」',
      amount: '¥1080.00',
      lines: ['数量 1（演示下单，不会真的扣钱）'],
      confirmText: '确认下单',
    });
  });
  it('says whose share earns the group a packet, and leaves out an unknown price', () => {
    const sheet = buySheet({ title: '口红', priceFen: null }, 'Alice 爱丽丝');
    expect(sheet.amount).toBeUndefined();
    expect(sheet.lines[1]).toBe('通过 Alice 爱丽丝 的分享购买，群里能得好友分享购买红包');
  });
});
