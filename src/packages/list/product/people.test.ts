import { peopleText } from './people';

describe('peopleText', () => {
  const bella = { userId: 'b', nickname: '贝拉' };
  const me = { userId: 'm', nickname: '小艾' };
  it('counts wanters and names buyers, the viewer as 我', () => {
    expect(peopleText({ wanters: [bella, me], buyers: [me] }, 'm')).toBe('2 人想要，我 已买');
    expect(peopleText({ wanters: [], buyers: [bella] }, 'm')).toBe('贝拉 已买');
    expect(peopleText({ wanters: [bella], buyers: [] }, null)).toBe('1 人想要');
    expect(peopleText({ wanters: [], buyers: [] }, 'm')).toBe('');
  });
});
