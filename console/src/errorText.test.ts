import { beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '../../contract/errors';
import { describeError } from './errorText';
import { setLang } from './i18n';
import type { ApiError } from './api';

const apiError = (code: number, message: string) => ({ code, message, issues: [] }) as unknown as ApiError;

describe('describeError', () => {
  beforeAll(() => setLang('en'));

  it('says what a marketer can do about each kind of failure', () => {
    expect(describeError(apiError(ErrorCode.FORBIDDEN, 'marketers only'))).toBe('Not allowed: marketers only');
    expect(describeError(apiError(ErrorCode.NOT_FOUND, 'campaign x not found'))).toBe('Not found: campaign x not found');
    expect(describeError(apiError(ErrorCode.LOGIN_REQUIRED, 'login'))).toBe('Your session has ended. Please log in again.');
    expect(describeError(apiError(ErrorCode.SESSION_INVALID, 'expired'))).toBe('Your session has ended. Please log in again.');
    expect(describeError(apiError(0, 'Cannot reach the server (offline)'))).toBe('Cannot reach the server (offline)');
    expect(describeError(apiError(ErrorCode.CAMPAIGN_NOT_RUNNING, 'This campaign has ended'))).toBe(
      'The campaign is not running: This campaign has ended',
    );
    expect(describeError(apiError(4099, 'odd'))).toBe('odd (code 4099)');
  });

  it('speaks Chinese by default', () => {
    setLang('zh-CN');
    try {
      expect(describeError(apiError(ErrorCode.FORBIDDEN, 'marketers only'))).toBe('没有权限：marketers only');
      expect(describeError(apiError(ErrorCode.LOGIN_REQUIRED, 'login'))).toBe('登录已过期，请重新登录。');
      expect(describeError(apiError(4099, 'odd'))).toBe('odd（错误码 4099）');
    } finally {
      setLang('en');
    }
  });
});
