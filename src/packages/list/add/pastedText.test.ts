import { addedMessage, pastedParam } from './pastedText';

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

describe('addedMessage', () => {
  const item = (userId: string) => ({ addedBy: { userId, nickname: '贝拉' } });
  it('says the item was added', () => {
    expect(addedMessage({ merged: false, item: item('me') }, 'me', '群清单')).toBe('已加入群清单');
  });
  it("says an item pasted again is on the list already: her own, or a groupmate's she now wants", () => {
    expect(addedMessage({ merged: true, item: item('me') }, 'me', '群清单')).toBe('你已经加过这件宝贝了，它就在群清单里');
    expect(addedMessage({ merged: true, item: item('bella') }, 'me', '群清单')).toBe('群清单里已有它（贝拉 加的），已帮你点了想要');
  });
});

describe('pastedParam with whole share messages', () => {
  it('sends a message with a short link as link, with its line breaks', () => {
    const message = '【淘宝】https://m.tb.cn/h.UxQdJaH?tk=aB3dE5fG7hJ\n「蕉下防晒衣女」\n点击链接直接打开';
    expect(pastedParam(message)).toEqual({ link: message });
  });
  it('sends a 复制本条信息 (code) message as shareCode', () => {
    expect(pastedParam('复制本条信息，打开【手机淘宝】即可查看 (AbCd1234)')).toEqual({
      shareCode: '复制本条信息，打开【手机淘宝】即可查看 (AbCd1234)',
    });
  });
});
