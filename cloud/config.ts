import fs from 'node:fs';
import path from 'node:path';

/**
 * Every setting of the host, read once from the environment (a `.env` file may supply them).
 * The names are fixed by API.md; each has a local default that `npm start` prints.
 */
export interface Config {
  host: string;
  port: number;
  appId: string;
  appKey: string;
  masterKey: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  hookSecret: string;
  sessionTtlDays: number;
  weapp: { appId: string; secret: string; code2SessionUrl: string };
  alipay: { appId: string; gatewayUrl: string; privateKeyPem: string; alipayPublicKeyPem: string };
  tzCampaign: string;
  /** Folder of the H5 build the host serves on its own origin, when it exists. */
  h5Dir: string;
  /** Folder of the marketer console build, served at /console/ when it exists. */
  consoleDir: string;
  /** Seconds the host waits for in-flight calls on SIGTERM before closing anyway. */
  shutdownGraceSeconds: number;
  /** Groups per transaction of a pool split. */
  splitChunkGroups: number;
}

export const LOCAL_DEFAULTS = {
  HOST: '127.0.0.1',
  PORT: '3000',
  APP_ID: 'besties-local-app',
  APP_KEY: 'besties-local-key',
  MASTER_KEY: 'besties-local-master',
  DATA_DIR: '.data',
  HOOK_SECRET: 'besties-local-hook-secret',
  WEAPP_APPID: 'wx-local-appid',
  WEAPP_SECRET: 'wx-local-secret',
  WEAPP_CODE2SESSION_URL: 'https://api.weixin.qq.com/sns/jscode2session',
  ALIPAY_APPID: 'alipay-local-appid',
  ALIPAY_GATEWAY_URL: 'https://openapi.alipay.com/gateway.do',
  TZ_CAMPAIGN: 'Asia/Shanghai',
  SESSION_TTL_DAYS: '30',
} as const;

/** Loads `.env` from the working directory into process.env without overriding what is set. */
export function loadDotEnv(cwd = process.cwd()): void {
  const file = path.join(cwd, '.env');
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const get = (name: keyof typeof LOCAL_DEFAULTS) => env[name] ?? LOCAL_DEFAULTS[name];
  const port = Number(get('PORT'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0-65535, got ${get('PORT')}`);
  const sessionTtlDays = Number(get('SESSION_TTL_DAYS'));
  if (!(sessionTtlDays > 0)) throw new Error('SESSION_TTL_DAYS must be a positive number');
  return {
    host: get('HOST'),
    port,
    appId: get('APP_ID'),
    appKey: get('APP_KEY'),
    masterKey: get('MASTER_KEY'),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: get('DATA_DIR'),
    demo: env.DEMO === '1' || env.DEMO === 'true',
    hookSecret: get('HOOK_SECRET'),
    sessionTtlDays,
    weapp: { appId: get('WEAPP_APPID'), secret: get('WEAPP_SECRET'), code2SessionUrl: get('WEAPP_CODE2SESSION_URL') },
    alipay: {
      appId: get('ALIPAY_APPID'),
      gatewayUrl: get('ALIPAY_GATEWAY_URL'),
      privateKeyPem: (env.ALIPAY_PRIVATE_KEY ?? '').replace(/\\n/g, '\n'),
      alipayPublicKeyPem: (env.ALIPAY_PUBLIC_KEY ?? '').replace(/\\n/g, '\n'),
    },
    tzCampaign: get('TZ_CAMPAIGN'),
    h5Dir: env.H5_DIR ?? path.resolve('dist/h5'),
    consoleDir: env.CONSOLE_DIR ?? path.resolve('dist/console'),
    shutdownGraceSeconds: Number(env.SHUTDOWN_GRACE_SECONDS ?? 10),
    splitChunkGroups: Number(env.SPLIT_CHUNK_GROUPS ?? 2000),
  };
}
