import {
  PASTE_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  canonicalItemLink,
  canonicalShortLink,
  parseProductPaste,
  titleOf,
  type PasteRefusal,
  type ProductRef,
} from './productLink';

const item = (itemId: string, platform: 'taobao' | 'tmall' = 'taobao'): ProductRef => ({ kind: 'item_id', itemId, platform });
const code = (value: string): ProductRef => ({ kind: 'share_code', code: value });
const shortLink = (token: string): ProductRef => ({ kind: 'short_link', token });

describe('parseProductPaste: accepted shapes', () => {
  const cases: Array<[string, string, ProductRef]> = [
    ['desktop Taobao', 'https://item.taobao.com/item.htm?id=652873401234', item('652873401234')],
    ['desktop Taobao over http', 'http://item.taobao.com/item.htm?id=652873401234', item('652873401234')],
    ['without a scheme', 'item.taobao.com/item.htm?id=652873401234', item('652873401234')],
    ['upper-case host', 'HTTPS://ITEM.TAOBAO.COM/item.htm?id=652873401234', item('652873401234')],
    [
      'Taobao with spm and tracking',
      'https://item.taobao.com/item.htm?spm=a21n57.1.0.0.3f2e523cXyZ&id=652873401234&ns=1&abbucket=8&ali_trackid=2:mm_1234_0_0:1700000000_1_1&scm=1007.40986.1.0',
      item('652873401234'),
    ],
    ['Tmall desktop', 'https://detail.tmall.com/item.htm?id=600123456789&skuId=5012345678901', item('600123456789', 'tmall')],
    ['Tmall mobile', 'https://detail.m.tmall.com/item.htm?id=600123456789&spm=a2141.7631564', item('600123456789', 'tmall')],
    ['Tmall supermarket', 'https://chaoshi.detail.tmall.com/item.htm?id=600123456789', item('600123456789', 'tmall')],
    ['Tmall global', 'https://detail.tmall.hk/hk/item.htm?id=600123456789', item('600123456789', 'tmall')],
    ['Taobao H5', 'https://h5.m.taobao.com/awp/core/detail.htm?id=652873401234&ft=t', item('652873401234')],
    ['Taobao H5 with a fragment', 'https://h5.m.taobao.com/awp/core/detail.htm?ft=t&id=652873401234#modal=sku', item('652873401234')],
    ['old mobile path form', 'https://a.m.taobao.com/i652873401234.htm?sid=abc', item('652873401234')],
    [
      'inside a sentence with Chinese around it',
      '姐妹们看这个https://item.taobao.com/item.htm?id=652873401234超好用！',
      item('652873401234'),
    ],
    ['followed by sentence punctuation', 'see (https://detail.tmall.com/item.htm?id=600123456789).', item('600123456789', 'tmall')],
    [
      'two links: the Taobao one wins',
      'https://evil.example.com/x 和 https://item.taobao.com/item.htm?id=652873401234',
      item('652873401234'),
    ],
    ['share code in ￥', '￥AbC123xyz0￥', code('AbC123xyz0')],
    ['share code in ¥', '¥AbC123xyz¥', code('AbC123xyz')],
    ['share code in $', '$AbC123xyz$', code('AbC123xyz')],
    ['share code in €', '€AbC123xyz€', code('AbC123xyz')],
    ['share code in ¢', '¢AbC123xyz¢', code('AbC123xyz')],
    ['share code in ₤', '₤AbC123xyz₤', code('AbC123xyz')],
    ['share code of letters only, delimited', '￥AbcDefGhiJk￥', code('AbcDefGhiJk')],
    ['classic Taobao share message', '【淘宝】兰蔻小黑瓶精华肌底液50ml 复制这条信息￥AbC123xyz0￥后打开👉手淘👈', code('AbC123xyz0')],
    ['share message, code in the middle', '8.0 【天猫】SK-II神仙水230ml ₤Xy9Zt7Qw2Ab₤ 打开手淘', code('Xy9Zt7Qw2Ab')],
    [
      "today's Taobao share message with tk in a short link",
      '【淘宝】假一赔四 https://m.tb.cn/h.gXyZ123?tk=Iw8Y3Bf0xyz CZ0001 「雅诗兰黛特润修护肌活精华露」点击链接直接打开 或者 淘宝搜索直接打开',
      code('Iw8Y3Bf0xyz'),
    ],
    ['short link plus a delimited code: the delimited code wins', 'https://m.tb.cn/h.gXyZ123 ￥AbC123xyz0￥', code('AbC123xyz0')],
    ['bare share code', 'AbC123xyz0', code('AbC123xyz0')],
    ['bare item id', '652873401234', item('652873401234')],
    ['surrounding whitespace', '  \n￥AbC123xyz0￥\t ', code('AbC123xyz0')],
    [
      'javascript wrapper around a real link yields only the id',
      'javascript:location="https://item.taobao.com/item.htm?id=652873401234"',
      item('652873401234'),
    ],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(parseProductPaste(text)).toMatchObject({ ok: true, ref: expected });
  });
});

/** Whole share messages as the Taobao and Tmall apps copy them (tokens and codes made up, shapes real). */
describe('parseProductPaste: whole share messages', () => {
  const cases: Array<[string, string, ProductRef, string | undefined]> = [
    [
      'share link without tk, title in 「」',
      '【淘宝】https://m.tb.cn/h.gXyZ123 「兰蔻小黑瓶精华肌底液50ml」点击链接直接打开',
      shortLink('h.gXyZ123'),
      '兰蔻小黑瓶精华肌底液50ml',
    ],
    [
      "today's Taobao message: tk, a CZ marker and 或者 淘宝搜索直接打开",
      '【淘宝】假一赔四 https://m.tb.cn/h.gXyZ123?tk=Iw8Y3Bf0xyz CZ0001 「雅诗兰黛特润修护肌活精华露」点击链接直接打开 或者 淘宝搜索直接打开',
      code('Iw8Y3Bf0xyz'),
      '雅诗兰黛特润修护肌活精华露',
    ],
    [
      'Tmall message with tk and a HU marker',
      '【天猫】https://m.tb.cn/h.5TzXK2q?tk=ZbZqWqqmIXL HU0854 「SK-II神仙水护肤精华露230ml 补水保湿」点击链接直接打开 或者 淘宝搜索直接打开',
      code('ZbZqWqqmIXL'),
      'SK-II神仙水护肤精华露230ml 补水保湿',
    ],
    [
      'on two lines, as pasted from WeChat',
      '【淘宝】https://m.tb.cn/h.UxQdJaH?tk=aB3dE5fG7hJ\n「蕉下防晒衣女2024新款 冰丝透气」\n点击链接直接打开',
      code('aB3dE5fG7hJ'),
      '蕉下防晒衣女2024新款 冰丝透气',
    ],
    ['share link with sm= but no tk', 'https://m.tb.cn/h.5xYZab9?sm=ac0c76 点击链接', shortLink('h.5xYZab9'), undefined],
    ['e.tb.cn share link', '【淘宝】https://e.tb.cn/h.Tq7Wz3k 「保温杯」', shortLink('h.Tq7Wz3k'), '保温杯'],
    ['复制本条信息 with a code in ASCII parentheses', '复制本条信息，打开【手机淘宝】即可查看 (AbCd1234)', code('AbCd1234'), undefined],
    ['code in full-width parentheses', '復·制本条信息（Xy7Zt9Qw2）打开👉手机淘宝👈', code('Xy7Zt9Qw2'), undefined],
    ['code in € with a leading number', '9€AbCd1234€ 「小米充电宝20000毫安」', code('AbCd1234'), '小米充电宝20000毫安'],
    ['code in ₳', '6.0 ₳Ab1cD2eFgH₳ 打开手淘', code('Ab1cD2eFgH'), undefined],
    ['code in ₴', '₴Qw3Er5Ty7U₴', code('Qw3Er5Ty7U'), undefined],
    ['code in 《', '《Zx8Cv6Bn4M《 复制整段话', code('Zx8Cv6Bn4M'), undefined],
    [
      'old message: title in 【】, short link and a ￥ code',
      '【Apple/苹果 iPhone 15】https://m.tb.cn/h.5Qx2z3V?sm=ac0c76 点击链接，再选择浏览器咑閞；或復·制这段描述￥AbCd1234￥后到👉淘♂寳♀👈',
      code('AbCd1234'),
      undefined,
    ],
    [
      'a code in the title is not taken for the share code',
      '【淘宝】https://m.tb.cn/h.gXyZ123 「Apple iPhone 15 (iPhone15Pro) 256G」点击链接直接打开',
      shortLink('h.gXyZ123'),
      'Apple iPhone 15 (iPhone15Pro) 256G',
    ],
    [
      'a full item link with a title',
      '「优衣库女装 摇粒绒外套」https://item.taobao.com/item.htm?id=652873401234&spm=a1z10',
      item('652873401234'),
      '优衣库女装 摇粒绒外套',
    ],
    ['the code alone with 淘口令 words', '淘口令：￥AbC123xyz0￥', code('AbC123xyz0'), undefined],
    ['empty 「」 gives no title', '【淘宝】https://m.tb.cn/h.gXyZ123 「 」点击链接直接打开', shortLink('h.gXyZ123'), undefined],
  ];
  it.each(cases)('%s', (_name, text, expected, title) => {
    const parsed = parseProductPaste(text);
    expect(parsed).toEqual(title === undefined ? { ok: true, ref: expected } : { ok: true, ref: expected, title });
  });
});

describe('titleOf', () => {
  it('drops invisible characters and folds whitespace', () => {
    expect(titleOf('「\u200b兰蔻\u0000  小黑瓶\u202e」')).toBe('兰蔻 小黑瓶');
  });
  it(`cuts a long title to ${TITLE_MAX_LENGTH} characters with an ellipsis`, () => {
    const long = titleOf(`「${'好'.repeat(200)}」`)!;
    expect(Array.from(long)).toHaveLength(TITLE_MAX_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });
  it('keeps markup as plain text (the app never renders it as markup)', () => {
    expect(titleOf('「<b>口红</b>」')).toBe('<b>口红</b>');
  });
  it('has no title without 「」', () => {
    expect(titleOf('【淘宝】https://m.tb.cn/h.gXyZ123')).toBeUndefined();
  });
});

describe('parseProductPaste: refused', () => {
  const cases: Array<[string, string, PasteRefusal]> = [
    ['empty', '', 'empty'],
    ['blank', '   \n ', 'empty'],
    ['10 KB of text', 'a'.repeat(10 * 1024), 'too_long'],
    ['a valid link padded past the limit', `https://item.taobao.com/item.htm?id=652873401234${' '.repeat(PASTE_MAX_LENGTH)}`, 'too_long'],
    ['another shop', 'https://item.jd.com/100012043978.html', 'unrecognised'],
    ['Pinduoduo', 'https://mobile.yangkeduo.com/goods.html?goods_id=123456789', 'unrecognised'],
    ['look-alike host (suffix)', 'https://item.taobao.com.evil.cn/item.htm?id=652873401234', 'unrecognised'],
    ['look-alike host (prefix)', 'https://fakeitem.taobao.com/item.htm?id=652873401234', 'unrecognised'],
    ['look-alike host (hyphen)', 'https://item-taobao.com/item.htm?id=652873401234', 'unrecognised'],
    ['credentials trick', 'https://item.taobao.com@evil.cn/item.htm?id=652873401234', 'unrecognised'],
    ['user part naming Taobao', 'https://item.taobao.com:x@evil.cn/item.htm?id=652873401234', 'unrecognised'],
    ['explicit port', 'https://item.taobao.com:8443/item.htm?id=652873401234', 'unrecognised'],
    ['redirect through another site', 'https://evil.cn/jump?to=https://item.taobao.com/item.htm?id=652873401234', 'unrecognised'],
    ['Taobao link nested in another path', 'https://evil.cn/item.taobao.com/item.htm?id=652873401234', 'unrecognised'],
    ['javascript URL', 'javascript:alert(document.cookie)', 'unrecognised'],
    ['javascript URL with a Taobao-looking tail', 'javascript:alert(1)//item.taobao.com/item.htm?id=652873401234', 'unrecognised'],
    ['data URL', 'data:text/html,<script>alert(1)</script>', 'unrecognised'],
    ['script injection', '<script>alert("￥")</script>', 'unrecognised'],
    ['img onerror injection', '<img src=x onerror=alert(1)>', 'unrecognised'],
    ['ftp scheme', 'ftp://item.taobao.com/item.htm?id=652873401234', 'unrecognised'],
    ['Taobao link without an id', 'https://item.taobao.com/item.htm?spm=a21n57', 'unrecognised'],
    ['Taobao link with a non-numeric id', 'https://item.taobao.com/item.htm?id=abc123', 'unrecognised'],
    ['Taobao link with a leading-zero id', 'https://item.taobao.com/item.htm?id=0652873401', 'unrecognised'],
    ['Taobao link with a short id', 'https://item.taobao.com/item.htm?id=123', 'unrecognised'],
    ['Taobao shop page, not an item', 'https://shop123456.taobao.com/index.htm', 'unrecognised'],
    ['Taobao search page', 'https://s.taobao.com/search?q=%E5%8F%A3%E7%BA%A2&id=652873401234', 'unrecognised'],
    ['short link that is not a share link', 'https://m.tb.cn/xYz', 'short_link'],
    ['share link with a token too short', '【淘宝】https://m.tb.cn/h.gX 点击链接直接打开', 'short_link'],
    ['click-tracking short link', 'https://s.click.taobao.com/t?e=m%3D2%26s%3Dabc', 'short_link'],
    ['code too short', '￥AbC12￥', 'unrecognised'],
    ['code too long', '￥AbC123xyz0AbC123xyz0￥', 'unrecognised'],
    ['code of digits only', '$12345678$', 'unrecognised'],
    ['mismatched delimiters', '￥AbC123xyz0$', 'unrecognised'],
    ['code with punctuation', '￥AbC-123_xyz￥', 'unrecognised'],
    ['an ordinary word', 'shopping', 'unrecognised'],
    ['Chinese text only', '这个口红颜色好看吗', 'unrecognised'],
    ['a title without any link or code', '「兰蔻小黑瓶精华肌底液50ml」点击链接直接打开', 'unrecognised'],
    ['a word in parentheses', '复制本条信息 (Bluetooth)', 'unrecognised'],
    ['SQL-looking text', "'; drop table wishlist_items; --", 'unrecognised'],
    ['control characters', '\u0000\u0001\u0002', 'unrecognised'],
  ];
  it.each(cases)('%s', (_name, text, refusal) => {
    const result = parseProductPaste(text);
    expect(result).toMatchObject({ ok: false, refusal });
    if (!result.ok) {
      expect(result.message).toContain('item.taobao.com/item.htm?id=');
      expect(result.message).toContain('￥');
    }
  });
});

describe('canonicalItemLink', () => {
  it('builds the link from the id alone', () => {
    expect(canonicalItemLink('652873401234')).toBe('https://item.taobao.com/item.htm?id=652873401234');
    expect(canonicalItemLink('600123456789', 'tmall')).toBe('https://detail.tmall.com/item.htm?id=600123456789');
  });
  it('builds a share link from its token alone', () => {
    expect(canonicalShortLink('h.gXyZ123')).toBe('https://m.tb.cn/h.gXyZ123');
  });
});
