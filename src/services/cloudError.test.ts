import { toCloudError } from './cloudError';
import { NETWORK_ERROR_CODE } from './errorCodes';

describe('toCloudError', () => {
  it('keeps the code and the raw server message of an SDK error', () => {
    const sdkError = Object.assign(new Error('群已满 [POST http://x/1.1/functions/joinGroup]'), { code: 4002, rawMessage: '群已满' });
    expect(toCloudError(sdkError)).toEqual({ code: 4002, message: '群已满' });
  });

  it('falls back to the message when there is no raw message', () => {
    expect(toCloudError(Object.assign(new Error('Unauthorized.'), { code: 401 }))).toEqual({ code: 401, message: 'Unauthorized.' });
  });

  it('reports errors without a code as network failures', () => {
    expect(toCloudError(new Error('request:fail timeout')).code).toBe(NETWORK_ERROR_CODE);
    expect(toCloudError(undefined)).toEqual({ code: NETWORK_ERROR_CODE, message: 'Unknown error' });
  });

  it('passes an already mapped error through', () => {
    expect(toCloudError({ code: 4004, message: '邀请已失效' })).toEqual({ code: 4004, message: '邀请已失效' });
  });
});
