import { explainJoinError } from './joinErrors';

describe('explainJoinError', () => {
  it('keeps the server message and picks a title per code', () => {
    const full = explainJoinError({ code: 4002, message: '群已满 15 人，请让群主清理后再试' });
    expect(full.title).toBe('这个小黑群已经满员了');
    expect(full.detail).toBe('群已满 15 人，请让群主清理后再试');
  });

  it('offers the group link only to existing members', () => {
    expect(explainJoinError({ code: 4003, message: 'x' }).offerGroupLink).toBe(true);
    expect(explainJoinError({ code: 4004, message: 'x' }).offerGroupLink).toBe(false);
    expect(explainJoinError({ code: 4008, message: 'x' }).offerGroupLink).toBe(false);
  });

  it('turns a malformed code into a broken-link explanation', () => {
    const problem = explainJoinError({ code: 142, message: 'inviteCode must be the 10-character code' });
    expect(problem.title).toBe('邀请链接有误');
    expect(problem.detail).not.toContain('inviteCode');
  });

  it('lets the user retry transport failures', () => {
    const problem = explainJoinError({ code: -1, message: 'request failed' });
    expect(problem.retryable).toBe(true);
    expect(problem.detail).toBe('网络连接失败，请检查网络后重试');
  });
});
