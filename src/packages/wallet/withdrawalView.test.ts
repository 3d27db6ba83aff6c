import { needsConfirmation, transferOutcomeText, withdrawalStatusText, withdrawAnswerText } from './withdrawalView';

describe('withdrawal view', () => {
  it('names every state in Chinese', () => {
    expect(withdrawalStatusText('pending')).toBe('处理中');
    expect(withdrawalStatusText('confirming')).toBe('待确认');
    expect(withdrawalStatusText('succeeded')).toBe('已到账');
    expect(withdrawalStatusText('failed')).toBe('失败（已退回红包）');
  });

  it('offers confirming receipt only for a transfer waiting with its params', () => {
    const params = { mchId: '1900000001', appId: 'wx-app', package: 'pkg' };
    expect(needsConfirmation({ status: 'confirming', params })).toBe(true);
    expect(needsConfirmation({ status: 'confirming', params: null })).toBe(false);
    expect(needsConfirmation({ status: 'pending', params })).toBe(false);
  });

  it('explains the answer and a failure’s reason', () => {
    expect(withdrawAnswerText({ status: 'succeeded', failReason: null })).toBe('提现成功，已到账');
    expect(withdrawAnswerText({ status: 'failed', failReason: '账户异常' })).toBe('提现没有成功（账户异常），钱已退回红包余额');
    expect(withdrawAnswerText({ status: 'pending', failReason: null })).toContain('处理');
  });

  it('asks an old WeChat to be updated, and says how to confirm later after a cancel', () => {
    expect(transferOutcomeText({ kind: 'outdated' })).toContain('更新到最新版本');
    expect(transferOutcomeText({ kind: 'cancelled' })).toContain('确认收款');
    expect(transferOutcomeText({ kind: 'confirmed' })).toContain('微信零钱');
  });
});
