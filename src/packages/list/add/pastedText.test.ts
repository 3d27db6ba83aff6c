import { pastedParam } from './pastedText';

describe('pastedParam', () => {
  it('sends links as link, as pasted', () => {
    const link = 'https://item.taobao.com/item.htm?id=123456789&spm=a1z10';
    expect(pastedParam(link)).toEqual({ link });
    expect(pastedParam(' 看看这个 detail.tmall.com/item.htm?id=1 ')).toEqual({ link: ' 看看这个 detail.tmall.com/item.htm?id=1 ' });
  });

  it('sends everything else as shareCode', () => {
    expect(pastedParam('￥AbC123xyz￥')).toEqual({ shareCode: '￥AbC123xyz￥' });
    expect(pastedParam('【淘宝】复制这条信息 ￥AbC123xyz￥ 打开手机淘宝')).toEqual({
      shareCode: '【淘宝】复制这条信息 ￥AbC123xyz￥ 打开手机淘宝',
    });
  });
});
