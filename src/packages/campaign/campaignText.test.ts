import { creatorRuleText, groupSizeText, notRunningText, rewardLines } from './campaignText';

describe('campaign rules in plain words', () => {
  it('states each red packet with its amounts', () => {
    const lines = rewardLines({ shareMinFen: 10, shareMaxFen: 888, purchaseCapFen: 2000, grandPrizeCapFen: 5_000_000 });
    expect(lines[0]).toContain('¥0.10–¥8.88');
    expect(lines[1]).toContain('最高 ¥20.00');
    expect(lines[2]).toContain('最高 ¥50,000.00');
  });

  it('shows a single amount when the share packet is fixed', () => {
    expect(rewardLines({ shareMinFen: 100, shareMaxFen: 100, purchaseCapFen: 0, grandPrizeCapFen: 0 })[0]).toContain('获得 ¥1.00 的');
  });

  it('says who may create a group', () => {
    expect(creatorRuleText({ creatorGender: 'female', creatorMinTaoqi: 600 })).toBe(
      '淘气值达到 600 的女生可以创建小黑群；其他人可以通过好友的邀请加入',
    );
    expect(creatorRuleText({ creatorGender: null, creatorMinTaoqi: 500 })).toBe(
      '淘气值达到 500 的用户可以创建小黑群；其他人可以通过好友的邀请加入',
    );
    expect(creatorRuleText({ creatorGender: 'male', creatorMinTaoqi: 0 })).toBe('男生可以创建小黑群；其他人可以通过好友的邀请加入');
    expect(creatorRuleText({ creatorGender: null, creatorMinTaoqi: 0 })).toBe('所有人都可以创建小黑群');
  });

  it('gives the group size', () => {
    expect(groupSizeText({ minMembers: 4, maxMembers: 15 })).toBe('每个小黑群 4–15 人：满 4 人激活后开始发红包，最多 15 人');
  });

  it('explains a campaign that is not running', () => {
    const startsAt = '2026-10-20T00:00:00+08:00';
    const before = new Date(startsAt).getTime() - 1000;
    expect(notRunningText({ running: true, status: 'published', startsAt }, before)).toBeNull();
    expect(notRunningText({ running: false, status: 'published', startsAt }, before)).toMatch(/^活动将于 10-\d\d \d\d:\d\d 开始$/);
    expect(notRunningText({ running: false, status: 'paused', startsAt }, before)).toBe('活动暂停中，稍后再来看看');
    expect(notRunningText({ running: false, status: 'ended', startsAt }, before + 10_000)).toBe('活动已结束');
  });
});
