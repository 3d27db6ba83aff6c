import type { Navigation } from './miniProgram';

/**
 * A mocked `wx` for running the weapp bundle in Node:
 * - request: real HTTP to the test host (the bundle's baked-in SERVER_URL origin is swapped for
 *   the host's, so one build serves any host);
 * - storage: in memory, with WeChat's sync API shapes ('' for a missing key);
 * - login: a fresh one-time code per call, registered with the fake jscode2session server
 *   so the host can exchange it for the given openid;
 * - navigation: recorded, so tests can follow it;
 * - everything else Taro touches: a harmless success.
 */
export interface WxMockOptions {
  /** The test host's origin, e.g. http://127.0.0.1:43121. */
  hostUrl: string;
  /** Registers a login code with the fake WeChat server before the bundle uses it. */
  registerCode: (code: string) => void;
  navigations: Navigation[];
  log?: (line: string) => void;
}

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void };

function succeed(options: Callbacks | undefined, result: Record<string, unknown>): void {
  // WeChat calls back asynchronously; so do we, so the bundle's promise chains run as on a phone.
  setTimeout(() => {
    options?.success?.(result);
    options?.complete?.(result);
  }, 0);
}

export function createWxMock(options: WxMockOptions): Record<string, unknown> {
  const storage = new Map<string, unknown>();
  let codeCounter = 0;
  const requests: Array<{ method: string; url: string; status: number }> = [];

  const request = (params: Callbacks & { url: string; method?: string; data?: unknown; header?: Record<string, string> }) => {
    const controller = new AbortController();
    const url = new URL(params.url);
    const target = new URL(url.pathname + url.search, options.hostUrl);
    const method = (params.method ?? 'GET').toUpperCase();
    const body =
      method === 'GET' || params.data === undefined
        ? undefined
        : typeof params.data === 'string'
          ? params.data
          : JSON.stringify(params.data);
    fetch(target, { method, headers: params.header, body, signal: controller.signal })
      .then(async (response) => {
        const text = await response.text();
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          // Not JSON: WeChat hands the string over as is.
        }
        requests.push({ method, url: target.pathname, status: response.status });
        options.log?.(`${method} ${target.pathname} -> ${response.status}`);
        const header: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          header[name] = value;
        });
        const result = { statusCode: response.status, data, header, errMsg: 'request:ok' };
        params.success?.(result);
        params.complete?.(result);
      })
      .catch((error: Error) => {
        const result = { errMsg: `request:fail ${error.message}` };
        params.fail?.(result);
        params.complete?.(result);
      });
    return { abort: () => controller.abort(), onHeadersReceived: () => undefined, offHeadersReceived: () => undefined };
  };

  const navigate = (api: Navigation['api']) => (params: Callbacks & { url?: string }) => {
    options.navigations.push({ api, url: params?.url });
    succeed(params, { errMsg: `${api}:ok` });
  };

  const systemInfo = {
    brand: 'devtools',
    model: 'node',
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 812,
    windowWidth: 375,
    windowHeight: 812,
    statusBarHeight: 44,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 17.0',
    platform: 'devtools',
    SDKVersion: '3.5.0',
    safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
  };

  const known: Record<string, unknown> = {
    request,
    login: (params: Callbacks) => {
      const code = `weapp-code-${Date.now()}-${++codeCounter}`;
      options.registerCode(code);
      succeed(params, { code, errMsg: 'login:ok' });
    },
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getSystemInfoSync: () => systemInfo,
    getWindowInfo: () => systemInfo,
    getDeviceInfo: () => systemInfo,
    getAppBaseInfo: () => systemInfo,
    getSystemInfo: (params: Callbacks) => succeed(params, { ...systemInfo, errMsg: 'getSystemInfo:ok' }),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    switchTab: navigate('switchTab'),
    reLaunch: navigate('reLaunch'),
    navigateBack: navigate('navigateBack'),
    showModal: (params: Callbacks) => succeed(params, { confirm: true, cancel: false, errMsg: 'showModal:ok' }),
    stopPullDownRefresh: (params?: Callbacks) => succeed(params, { errMsg: 'stopPullDownRefresh:ok' }),
    setNavigationBarTitle: (params?: Callbacks) => succeed(params, { errMsg: 'setNavigationBarTitle:ok' }),
    __requests: requests,
    __storage: storage,
  };

  // Anything else Taro's runtime probes or calls answers with success, so a missing mock shows
  // up as a harmless no-op rather than a crash unrelated to the app's own logic.
  return new Proxy(known, {
    get(target, property: string) {
      if (property in target) return target[property];
      // Not APIs: webpack's chunk registry lives on `wx` and must start out undefined.
      if (typeof property !== 'string' || property === 'webpackJsonp' || property === 'then') return undefined;
      return (params?: Callbacks) => {
        succeed(params, { errMsg: `${property}:ok` });
        return undefined;
      };
    },
  });
}
