import type { Adapters, AuthInfo, RequestOptions, Response } from '@leancloud/adapter-types';

/**
 * LeanCloud SDK adapters for Alipay mini-programs, mirroring @leancloud/platform-adapters-weapp.
 * Alipay's APIs differ from WeChat's in small ways that matter here: `my.request` takes
 * `headers` (not `header`) and answers `status` (not `statusCode`); storage takes `{key, data}`
 * objects; the login code comes from `my.getAuthCode`. LiveQuery and file upload are not used
 * by this app, so WebSocket and upload reject clearly instead of pretending to work.
 */

interface AlipayRequestResult {
  status?: number;
  headers?: Record<string, string>;
  data?: unknown;
}
interface AlipayFail {
  error?: number;
  errorMessage?: string;
  status?: number;
  headers?: Record<string, string>;
  data?: unknown;
}
interface AlipayMy {
  request(options: {
    url: string;
    method?: string;
    data?: unknown;
    headers?: Record<string, string>;
    dataType?: string;
    success?: (res: AlipayRequestResult) => void;
    fail?: (err: AlipayFail) => void;
  }): { abort?: () => void } | undefined;
  getStorageSync(options: { key: string }): { data?: unknown };
  setStorageSync(options: { key: string; data: unknown }): void;
  removeStorageSync(options: { key: string }): void;
  clearStorageSync(): void;
  getAuthCode(options: {
    scopes: string | string[];
    success?: (res: { authCode?: string }) => void;
    fail?: (err: AlipayFail) => void;
  }): void;
}

declare const my: AlipayMy;

const PROVIDER = 'lc_alipay';
const PLATFORM = 'alipay';

/** Why a request failed, in the form the SDK expects from an adapter (an Error). */
function requestError(err: AlipayFail): Error {
  return new Error(err.errorMessage || `my.request failed (error ${err.error ?? 'unknown'})`);
}

function request(url: string, options: RequestOptions = {}): Promise<Response> {
  const { method, data, headers, signal } = options;
  if (signal?.aborted) return Promise.reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
  return new Promise((resolve, reject) => {
    const toResponse = (res: AlipayRequestResult): Response => ({
      ok: !((res.status ?? 0) >= 400),
      status: res.status,
      headers: res.headers,
      data: res.data as object,
    });
    const abortListener = () => {
      reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
      task?.abort?.();
    };
    const task = my.request({
      url,
      method,
      // The SDK passes a plain object with content-type application/json, which is the case in
      // which Alipay serialises the body as JSON (otherwise it would form-encode it).
      data: data as unknown,
      headers,
      dataType: 'json',
      success: (res) => {
        signal?.removeEventListener('abort', abortListener);
        resolve(toResponse(res));
      },
      fail: (err) => {
        signal?.removeEventListener('abort', abortListener);
        // Alipay reports HTTP error statuses (4xx/5xx) through `fail` with the status and body;
        // the SDK needs them as a response so it can read the backend's {code, error}.
        if (err.status) resolve(toResponse(err));
        else reject(requestError(err));
      },
    });
    signal?.addEventListener('abort', abortListener);
  });
}

function upload(): Promise<Response> {
  return Promise.reject(new Error('File upload is not supported on Alipay in this app'));
}

const storage = {
  getItem(key: string): string | null {
    const value = my.getStorageSync({ key }).data;
    return value === undefined || value === null ? null : (value as string);
  },
  setItem(key: string, value: string): void {
    my.setStorageSync({ key, data: value });
  },
  removeItem(key: string): void {
    my.removeStorageSync({ key });
  },
  clear(): void {
    my.clearStorageSync();
  },
};

function getAuthInfo(): Promise<AuthInfo> {
  return new Promise((resolve, reject) => {
    my.getAuthCode({
      // auth_base is silent: it needs no consent dialog and yields only the user id.
      scopes: 'auth_base',
      success: (res) =>
        res.authCode
          ? resolve({ authData: { code: res.authCode }, platform: PLATFORM, provider: PROVIDER })
          : reject(new Error('my.getAuthCode returned no authCode')),
      fail: (err) => reject(new Error(err.errorMessage || 'my.getAuthCode failed')),
    });
  });
}

class UnsupportedWebSocket {
  constructor() {
    throw new Error('WebSocket (LiveQuery) is not supported on Alipay in this app');
  }
}

export const alipayAdapters: Adapters = {
  platformInfo: { name: 'alipay' },
  request,
  upload,
  storage,
  WebSocket: UnsupportedWebSocket as unknown as Adapters['WebSocket'],
  getAuthInfo,
};
