import { request as nodeRequest } from '@leancloud/platform-adapters-node';
import AV from 'leancloud-storage';
import { signRequest } from '../../cloud/host/appAuth';
import type { FunctionName, ParamsOf, ResultOf } from '../../contract/functions';
import type { TestHost } from './host';

/** The real leancloud-storage SDK, pointed at a test host. One host per test file. */
export function initSdk(host: TestHost): typeof AV {
  AV.init({ appId: host.appId, appKey: host.appKey, masterKey: host.masterKey, serverURL: host.url });
  // The SDK signs with the machine's clock; a real client's clock agrees with its server's, so here
  // the signature is made at the test host's time (which the test may have set days away).
  AV.setAdapters({
    request: (url, options) => {
      const headers = { ...options?.headers };
      const sign = headers['X-LC-Sign'];
      if (sign) {
        const master = sign.endsWith(',master');
        headers['X-LC-Sign'] = signRequest(master ? host.masterKey : host.appKey, host.clock.now().getTime(), master);
      }
      return nodeRequest(url, { ...options, headers });
    },
  });
  // Errors keep the server's message as is (the SDK appends the URL otherwise).
  (AV as unknown as { keepErrorRawMessage(keep: boolean): void }).keepErrorRawMessage(true);
  return AV;
}

/** Calls a function as the user behind `sessionToken` (without switching the SDK's current user). */
export function runAs<N extends FunctionName>(token: string | undefined, name: N, params: ParamsOf<N>): Promise<ResultOf<N>> {
  return AV.Cloud.run(name, params, token ? { sessionToken: token } : {}) as Promise<ResultOf<N>>;
}

export function runAsMaster<N extends FunctionName>(name: N, params: ParamsOf<N>): Promise<ResultOf<N>> {
  return AV.Cloud.run(name, params, { useMasterKey: true }) as Promise<ResultOf<N>>;
}

/** Logs in through the SDK and returns the session token (leaves the user current). */
export async function login(username: string, password = 'demo1234'): Promise<string> {
  const user = await AV.User.logIn(username, password);
  return user.getSessionToken();
}

/** The code and message the SDK rejected with. */
export async function sdkError(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: number; rawMessage?: string; message: string };
    return { code: e.code, message: e.rawMessage ?? e.message };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Raw HTTP, for what the SDK hides (status codes, headers). */
export async function rawRequest(
  host: TestHost,
  method: string,
  path: string,
  options: { body?: unknown; session?: string; master?: boolean; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const now = host.clock.now().getTime();
  const response = await fetch(`${host.url}${path}`, {
    method,
    headers: {
      'x-lc-id': host.appId,
      'x-lc-sign': options.master ? signRequest(host.masterKey, now, true) : signRequest(host.appKey, now),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.session ? { 'x-lc-session': options.session } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers };
}
