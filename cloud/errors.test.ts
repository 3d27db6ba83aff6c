import { ErrorCode } from '../contract/errors';
import { CloudError, httpStatusFor } from './errors';

describe('error mapping', () => {
  it.each([
    [ErrorCode.INTERNAL, 500],
    [ErrorCode.NOT_FOUND, 404],
    [ErrorCode.FORBIDDEN, 403],
    [ErrorCode.INVALID_PARAMS, 400],
    [ErrorCode.LOGIN_REQUIRED, 401],
    [ErrorCode.PASSWORD_MISMATCH, 400],
    [ErrorCode.SESSION_INVALID, 401],
    [ErrorCode.UNAUTHORIZED, 401],
    [ErrorCode.RATE_LIMITED, 429],
    [ErrorCode.NOT_ELIGIBLE, 400],
    [ErrorCode.GROUP_FULL, 409],
    [ErrorCode.ALREADY_MEMBER, 409],
    [ErrorCode.INVITE_INVALID, 400],
    [ErrorCode.USER_LIMIT, 409],
    [ErrorCode.CONFLICT_RETRY, 409],
    [ErrorCode.LINK_NOT_RECOGNISED, 400],
    [ErrorCode.GROUP_BUY_EXPIRED, 409],
  ])('code %i travels as HTTP %i', (code, status) => {
    expect(httpStatusFor(code)).toBe(status);
  });

  it('serialises to the wire shape and can override the status', () => {
    const err = new CloudError(ErrorCode.SESSION_INVALID, 'expired', 400);
    expect(err.status).toBe(400);
    expect(JSON.parse(JSON.stringify(err))).toEqual({ code: 211, error: 'expired' });
  });
});
