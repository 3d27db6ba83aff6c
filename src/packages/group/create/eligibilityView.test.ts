import { createViewOf } from './eligibilityView';

describe('createViewOf', () => {
  it('shows the form to an eligible user', () => {
    expect(createViewOf({ canCreateGroup: true })).toEqual({ kind: 'form' });
  });
  it("shows an ineligible user the server's reason, with her value, and how to join instead", () => {
    const reason = '创建小黑群需要淘气值达到 600，你的淘气值是 560，你可以通过好友的邀请加入小黑群。';
    const view = createViewOf({ canCreateGroup: false, createBlockedReason: reason });
    expect(view).toMatchObject({ kind: 'blocked', title: '你暂时不能创建小黑群', reason });
    expect(view.kind === 'blocked' && view.instead).toContain('邀请链接');
  });
  it('still explains when the server gave no reason', () => {
    expect(createViewOf({ canCreateGroup: false })).toMatchObject({ kind: 'blocked', reason: '你暂时不满足创建小黑群的条件。' });
  });
});
