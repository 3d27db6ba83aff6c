/**
 * Where the backend lives. SERVER_URL, APP_ID and APP_KEY are replaced at build time
 * (config/index.ts). On H5 an empty SERVER_URL means "the origin that served this page",
 * because the local host serves the H5 build and the API from one origin.
 */
export function serverUrl(): string {
  if (SERVER_URL) return SERVER_URL.replace(/\/+$/, '');
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') return window.location.origin;
  return 'http://127.0.0.1:3000';
}

export const appId: string = APP_ID;
export const appKey: string = APP_KEY;
