import { activeGroupLine, noRewardText, noSplitLine } from './campaignPhase';

describe('activeGroupLine', () => {
  it('promises red packets only while the campaign runs', () => {
    expect(activeGroupLine('running')).toEqual({ tone: 'success', text: '小黑群已激活，分享和购买都能赢红包' });
    for (const phase of ['paused', 'ended', 'none', null] as const) expect(activeGroupLine(phase).text).not.toContain('都能赢红包');
  });
  it('says the campaign is paused or over', () => {
    expect(activeGroupLine('paused').text).toContain('活动暂停中');
    expect(activeGroupLine('ended').text).toContain('本期活动已结束');
    expect(activeGroupLine('none').text).toContain('没有进行中的活动');
  });
});

describe('noSplitLine', () => {
  it('names the phase when no split is coming', () => {
    expect(noSplitLine('paused')).toContain('暂停');
    expect(noSplitLine('ended')).toContain('已结束');
    expect(noSplitLine('none')).toBe('当前没有进行中的活动，暂不瓜分');
  });
});

describe('noRewardText', () => {
  it('says why a share earned nothing', () => {
    expect(noRewardText('paused')).toContain('活动暂停中');
    expect(noRewardText('ended')).toContain('已结束');
    expect(noRewardText('no_campaign')).toContain('没有进行中的活动');
    expect(noRewardText('daily_cap')).toContain('明天');
    expect(noRewardText('already_drawn')).toContain('已经抽过');
    expect(noRewardText('budget_exhausted')).toContain('发完');
    expect(noRewardText('group_not_active')).toContain('激活');
  });
  it('stays quiet about bad luck and retries', () => {
    expect(noRewardText('no_luck')).toBeNull();
    expect(noRewardText(undefined)).toBeNull();
  });
});
