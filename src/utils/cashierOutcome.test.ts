import { alipayFailure, alipayResult, wechatFailure } from './cashierOutcome';

describe('WeChat cashier failures', () => {
  it('treats the shopper’s cancel as a cancel', () => {
    expect(wechatFailure({ errMsg: 'requestPayment:fail cancel' })).toEqual({ kind: 'cancelled' });
    expect(wechatFailure({ errMsg: 'requestMerchantTransfer:fail cancel' })).toEqual({ kind: 'cancelled' });
  });

  it('explains any other failure in Chinese, never with WeChat’s raw text', () => {
    const failed = wechatFailure({ errMsg: 'requestPayment:fail (detail message)' });
    expect(failed).toEqual({ kind: 'failed', message: '支付没有完成，请重新支付' });
    expect(wechatFailure({ errMsg: 'requestPayment:fail network error' })).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('网络'),
    });
    expect(wechatFailure(undefined)).toMatchObject({ kind: 'failed' });
  });
});

describe('Alipay cashier results', () => {
  it('asks the server after a paid or uncertain result', () => {
    expect(alipayResult({ resultCode: '9000' })).toEqual({ kind: 'finished' });
    expect(alipayResult({ resultCode: '8000' })).toEqual({ kind: 'finished' });
    expect(alipayResult({ resultCode: '6004' })).toEqual({ kind: 'finished' });
    // Taro's typings put it under `response`, and a number is read like the string.
    expect(alipayResult({ response: { resultCode: 9000 } })).toEqual({ kind: 'finished' });
  });

  it('treats 6001 as the shopper’s cancel', () => {
    expect(alipayResult({ resultCode: '6001' })).toEqual({ kind: 'cancelled' });
    expect(alipayResult({ resultCode: 6001 })).toEqual({ kind: 'cancelled' });
  });

  it('explains failures', () => {
    expect(alipayResult({ resultCode: '4000' })).toMatchObject({ kind: 'failed' });
    expect(alipayResult({ resultCode: '6002' })).toMatchObject({ kind: 'failed', message: expect.stringContaining('网络') });
    expect(alipayResult({})).toMatchObject({ kind: 'failed' });
    expect(alipayFailure({ error: 4, errorMessage: '无权限调用' })).toMatchObject({ kind: 'failed' });
    expect(alipayFailure({ resultCode: '6001' })).toEqual({ kind: 'cancelled' });
  });
});
