import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '../../contract/errors';
import { describeError } from './errorText';
import type { ApiError } from './api';

const apiError = (code: number, message: string) => ({ code, message, issues: [] }) as unknown as ApiError;

describe('describeError', () => {
  it('says what a marketer can do about each kind of failure', () => {
    expect(describeError(apiError(ErrorCode.FORBIDDEN, 'marketers only'))).toBe('Not allowed: marketers only');
    expect(describeError(apiError(ErrorCode.NOT_FOUND, 'campaign x not found'))).toBe('Not found: campaign x not found');
    expect(describeError(apiError(ErrorCode.LOGIN_REQUIRED, 'login'))).toBe('Your session has ended. Please log in again.');
    expect(describeError(apiError(ErrorCode.SESSION_INVALID, 'expired'))).toBe('Your session has ended. Please log in again.');
    expect(describeError(apiError(0, 'Cannot reach the server (offline)'))).toBe('Cannot reach the server (offline)');
    expect(describeError(apiError(ErrorCode.CAMPAIGN_NOT_RUNNING, 'This campaign has ended'))).toBe('This campaign has ended (code 4006)');
  });
});
