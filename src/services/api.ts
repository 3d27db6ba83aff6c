import type { FunctionName, ParamsOf, ResultOf } from '../../contract/functions';
import AV from './leancloud';
import { toCloudError } from './cloudError';
import { ErrorCode } from './errorCodes';
import { onPasswordSessionLost, renewMiniAppSession } from './session';

export { isCloudError, toCloudError, type CloudError } from './cloudError';

async function run<N extends FunctionName>(name: N, params: ParamsOf<N>): Promise<ResultOf<N>> {
  return (await AV.Cloud.run(name, params as Record<string, unknown>)) as ResultOf<N>;
}

/**
 * Calls one cloud function with typed params and result; failures reject with a CloudError.
 * A lost session is handled here, once for every page: a mini-program renews it silently
 * and retries once (a new login code costs the user nothing); H5 goes to the login page.
 */
export async function callFunction<N extends FunctionName>(name: N, params: ParamsOf<N>): Promise<ResultOf<N>> {
  try {
    return await run(name, params);
  } catch (error) {
    const cloudError = toCloudError(error);
    const sessionLost = cloudError.code === ErrorCode.SESSION_INVALID || cloudError.code === ErrorCode.LOGIN_REQUIRED;
    if (!sessionLost) throw cloudError;
    if (process.env.TARO_ENV === 'h5') {
      await onPasswordSessionLost();
      throw cloudError;
    }
    try {
      await renewMiniAppSession();
      return await run(name, params);
    } catch (retryError) {
      throw toCloudError(retryError);
    }
  }
}
