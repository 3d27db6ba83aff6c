import fs from 'node:fs';
import path from 'node:path';
import { SUBSCRIBE_TOPICS, type SubscribeTopic } from '../contract/notifications';

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
  weapp: {
    appId: string;
    secret: string;
    code2SessionUrl: string;
    /**
     * WEAPP_API_BASE: WeChat's server API (access tokens, subscribe messages); default the origin
     * of WEAPP_CODE2SESSION_URL, so one fake serves both in tests.
     */
    apiBase: string;
    /** WEAPP_SUBSCRIBE_TEMPLATES (`topic:templateId,…`): the one-time subscribe templates by topic; empty: none. */
    subscribeTemplates: Array<{ topic: SubscribeTopic; templateId: string }>;
    /** WEAPP_CODE_ENV_VERSION: which version of the app an invitation's mini-program code opens (release, trial, develop). */
    codeEnvVersion: string;
  };
  alipay: { appId: string; gatewayUrl: string; privateKeyPem: string; alipayPublicKeyPem: string };
  /**
   * ALIPAY_SUBSCRIBE_TEMPLATES (`topic:templateId,…`, as WEAPP_SUBSCRIBE_TEMPLATES): the Alipay
   * mini-program's subscribe-message templates by topic, sent through the gateway of `alipay`; empty: none.
   */
  alipaySubscribeTemplates: Array<{ topic: SubscribeTopic; templateId: string }>;
  tzCampaign: string;
  /** Folder of the H5 build the host serves on its own origin, when it exists. */
  h5Dir: string;
  /** Folder of the marketer console build, served at /console/ when it exists. */
  consoleDir: string;
  /** Seconds the host waits for in-flight calls on SIGTERM before closing anyway. */
  shutdownGraceSeconds: number;
  /** Groups per transaction of a pool split. */
  splitChunkGroups: number;
  /**
   * Timed jobs (see cloud/jobs/leases.ts): how long a host's lease on a job's slot lasts without
   * renewal (a dead host's work is taken over after this), and how often due work is looked at.
   */
  jobs: { leaseMs: number; checkMs: number };
  /** NODE_ENV=production: the secrets must be set and demo mode is refused (see productionProblems). */
  production: boolean;
  /**
   * Fastify's trustProxy: false unless TRUST_PROXY is set. Only behind a proxy that sets
   * X-Forwarded-For may the header name the client; otherwise anyone could claim any address.
   */
  trustProxy: boolean | number | string[];
  /** Origins a browser may call the API from (CORS): a list, or 'any'. Empty: same origin only. */
  corsOrigins: string[] | 'any';
  /**
   * Socket timeouts in ms, so that slow or silent clients cannot hold connections open: headers
   * and the whole request (body included) must arrive within theirs; an idle keep-alive
   * connection closes after keepAliveMs; a socket with no traffic at all after idleMs.
   */
  timeouts: { headersMs: number; requestMs: number; keepAliveMs: number; idleMs: number };
  /** Open connections one client address may hold; 0 lifts the cap. */
  maxConnectionsPerAddress: number;
  loginLimits: LoginLimits;
  /** pino level of the process's JSON log lines (LOG_LEVEL, default warn). */
  logLevel: LogLevel;
  /** The bearer token GET /metrics asks for; unset: no /metrics at all (404). */
  metricsToken: string | undefined;
  payments: PaymentSettings;
}

export const PAYMENT_PROVIDERS = ['demo', 'wechatpay', 'alipay'] as const;
export type PaymentProviderSetting = (typeof PAYMENT_PROVIDERS)[number];

/** Payments (API.md, "Payments, refunds, wallet"); Alipay's keys are the login's (`alipay`). */
export interface PaymentSettings {
  /** PAYMENTS: the providers that take money; empty: money-taking calls answer 119. */
  enabled: PaymentProviderSetting[];
  /** PUBLIC_URL: notify URLs are `${publicUrl}/hooks/wechatpay` and `${publicUrl}/hooks/alipay`. */
  publicUrl: string;
  /** PAYMENT_TIMEOUT_MINUTES: how long a seat or a part is held for an unpaid payment. */
  timeoutMinutes: number;
  wechatpay: {
    mchId: string;
    appId: string;
    apiV3Key: string;
    privateKeyPem: string;
    certSerial: string;
    publicKeyPem: string;
    publicKeyId: string;
    baseUrl: string;
    /** WECHATPAY_TRANSFER_SCENE_ID: the 商家转账 scene the merchant registered (1000 现金营销). */
    transferSceneId: string;
  };
}

/** A PEM from its setting (`\n` escapes allowed, for one-line env files) or from the file the *_FILE setting names. */
function pemSetting(env: NodeJS.ProcessEnv, name: string): string {
  const file = env[`${name}_FILE`];
  if (file) return fs.readFileSync(file, 'utf8');
  return (env[name] ?? '').replace(/\\n/g, '\n');
}

export function readPaymentSettings(env: NodeJS.ProcessEnv, demo: boolean, port: number, host: string): PaymentSettings {
  const listed = env.PAYMENTS?.trim();
  const enabled = (listed === undefined ? (demo ? 'demo' : '') : listed)
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of enabled) {
    if (!(PAYMENT_PROVIDERS as readonly string[]).includes(name)) {
      throw new Error(`PAYMENTS must list providers from ${PAYMENT_PROVIDERS.join(', ')}, got ${name}`);
    }
  }
  if (enabled.includes('demo') && env.NODE_ENV === 'production') throw new Error('PAYMENTS=demo is not allowed with NODE_ENV=production');
  const timeoutMinutes = Number(env.PAYMENT_TIMEOUT_MINUTES ?? 15);
  if (!Number.isInteger(timeoutMinutes) || timeoutMinutes < 1 || timeoutMinutes > 24 * 60) {
    throw new Error(`PAYMENT_TIMEOUT_MINUTES must be a whole number of minutes from 1 to 1440, got ${env.PAYMENT_TIMEOUT_MINUTES}`);
  }
  const wechatpay = {
    mchId: env.WECHATPAY_MCHID ?? '',
    appId: env.WECHATPAY_APPID ?? env.WEAPP_APPID ?? LOCAL_DEFAULTS.WEAPP_APPID,
    apiV3Key: env.WECHATPAY_APIV3_KEY ?? '',
    privateKeyPem: pemSetting(env, 'WECHATPAY_PRIVATE_KEY'),
    certSerial: env.WECHATPAY_CERT_SERIAL ?? '',
    publicKeyPem: pemSetting(env, 'WECHATPAY_PUBLIC_KEY'),
    publicKeyId: env.WECHATPAY_PUBLIC_KEY_ID ?? '',
    baseUrl: (env.WECHATPAY_BASE_URL ?? 'https://api.mch.weixin.qq.com').replace(/\/$/, ''),
    transferSceneId: env.WECHATPAY_TRANSFER_SCENE_ID ?? '1000',
  };
  if (enabled.includes('wechatpay')) {
    const missing = (
      [
        'WECHATPAY_MCHID',
        'WECHATPAY_APIV3_KEY',
        'WECHATPAY_PRIVATE_KEY',
        'WECHATPAY_CERT_SERIAL',
        'WECHATPAY_PUBLIC_KEY',
        'WECHATPAY_PUBLIC_KEY_ID',
      ] as const
    ).filter(
      (name) =>
        !(name === 'WECHATPAY_PRIVATE_KEY'
          ? wechatpay.privateKeyPem
          : name === 'WECHATPAY_PUBLIC_KEY'
            ? wechatpay.publicKeyPem
            : env[name]),
    );
    if (missing.length > 0)
      throw new Error(`PAYMENTS includes wechatpay but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set`);
    if (Buffer.byteLength(wechatpay.apiV3Key) !== 32)
      throw new Error('WECHATPAY_APIV3_KEY must be 32 characters (the APIv3 key set in the merchant platform)');
  }
  if (enabled.includes('alipay') && (!env.ALIPAY_PRIVATE_KEY || !env.ALIPAY_PUBLIC_KEY)) {
    throw new Error('PAYMENTS includes alipay but ALIPAY_PRIVATE_KEY or ALIPAY_PUBLIC_KEY is not set');
  }
  return {
    enabled: enabled as PaymentProviderSetting[],
    publicUrl: (env.PUBLIC_URL ?? `http://${host}:${port}`).replace(/\/$/, ''),
    timeoutMinutes,
    wechatpay,
  };
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function parseLogLevel(value: string | undefined): LogLevel {
  const level = (value ?? 'warn').trim();
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${value}`);
  return level as LogLevel;
}

/** Password-login guessing limits (see cloud/host/loginLimits.ts). */
export interface LoginLimits {
  /** Failed attempts per username before each further attempt has to wait. */
  freeFailures: number;
  /** The first wait; it doubles with every further failure ... */
  baseDelayMs: number;
  /** ... up to this. */
  maxDelayMs: number;
  /** A username's failures are forgotten after this long without an attempt. */
  forgetAfterMs: number;
  /** Failed attempts one client address may make per window, over all usernames. */
  perAddress: number;
  addressWindowMs: number;
  /** Password checks one client address may have running at once (a crowd behind one NAT). */
  concurrentPerAddress: number;
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
  WEAPP_CODE_ENV_VERSION: 'release',
  ALIPAY_APPID: 'alipay-local-appid',
  ALIPAY_GATEWAY_URL: 'https://openapi.alipay.com/gateway.do',
  TZ_CAMPAIGN: 'Asia/Shanghai',
  SESSION_TTL_DAYS: '30',
  HEADERS_TIMEOUT_SECONDS: '10',
  REQUEST_TIMEOUT_SECONDS: '10',
  KEEP_ALIVE_TIMEOUT_SECONDS: '10',
  IDLE_TIMEOUT_SECONDS: '120',
  MAX_CONNECTIONS_PER_ADDRESS: '256',
  LOGIN_FREE_FAILURES: '5',
  LOGIN_MAX_DELAY_SECONDS: '60',
  LOGIN_FAILURES_PER_ADDRESS: '50',
  LOGIN_CONCURRENT_PER_ADDRESS: '200',
  JOB_LEASE_SECONDS: '60',
  JOB_CHECK_SECONDS: '30',
} as const;

/** Settings that must not keep their local default (nor be short) in production. */
export const PRODUCTION_SECRETS = ['APP_KEY', 'MASTER_KEY', 'HOOK_SECRET'] as const;
export const MIN_SECRET_LENGTH = 16;

/**
 * Why the host must not start in production mode with these settings (empty: it may). The
 * local defaults are public (README, source), so a host left on them is open to anyone.
 */
export function productionProblems(env: NodeJS.ProcessEnv): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  for (const name of PRODUCTION_SECRETS) {
    const value = env[name];
    if (!value) problems.push(`${name} is not set`);
    else if (value === LOCAL_DEFAULTS[name]) problems.push(`${name} is the local default`);
    else if (value.length < MIN_SECRET_LENGTH) problems.push(`${name} is shorter than ${MIN_SECRET_LENGTH} characters`);
  }
  if (isOn(env.DEMO)) problems.push('DEMO=1 (demo data and simulated checkout) is not allowed');
  return problems;
}

function weappEnvVersion(value: string): string {
  if (!['release', 'trial', 'develop'].includes(value))
    throw new Error(`WEAPP_CODE_ENV_VERSION must be release, trial or develop, got ${value}`);
  return value;
}

function isOn(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/** TRUST_PROXY as Fastify takes it: 1/true (any proxy), a hop count, or proxy addresses/CIDRs. */
export function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  const text = (value ?? '').trim();
  if (text === '' || text === '0' || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * WEAPP_SUBSCRIBE_TEMPLATES / ALIPAY_SUBSCRIBE_TEMPLATES: `money:TEMPLATE_ID,group_buy:TEMPLATE_ID,…`,
 * each topic at most once. Alipay's older template ids are base64 (`+`, `/`, `=`), WeChat's are not.
 */
export function parseSubscribeTemplates(
  setting: string | undefined,
  name: 'WEAPP_SUBSCRIBE_TEMPLATES' | 'ALIPAY_SUBSCRIBE_TEMPLATES' = 'WEAPP_SUBSCRIBE_TEMPLATES',
): Array<{ topic: SubscribeTopic; templateId: string }> {
  const idPattern = name === 'ALIPAY_SUBSCRIBE_TEMPLATES' ? /^[A-Za-z0-9_+/=-]{1,128}$/ : /^[A-Za-z0-9_-]{1,128}$/;
  const templates: Array<{ topic: SubscribeTopic; templateId: string }> = [];
  for (const part of (setting ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [topic, templateId, ...rest] = part.split(':').map((p) => p.trim());
    if (!topic || !templateId || rest.length > 0 || !idPattern.test(templateId)) {
      throw new Error(`${name} must list topic:templateId pairs separated by commas, got ${part}`);
    }
    if (!(SUBSCRIBE_TOPICS as readonly string[]).includes(topic)) {
      throw new Error(`${name} topics are ${SUBSCRIBE_TOPICS.join(', ')}, got ${topic}`);
    }
    if (templates.some((t) => t.topic === topic)) throw new Error(`${name} names ${topic} twice`);
    templates.push({ topic: topic as SubscribeTopic, templateId });
  }
  return templates;
}

/** ALIPAY_SUBSCRIBE_TEMPLATES, which sends through the gateway and so needs the app's keys. */
function alipaySubscribeTemplates(env: NodeJS.ProcessEnv): Array<{ topic: SubscribeTopic; templateId: string }> {
  const templates = parseSubscribeTemplates(env.ALIPAY_SUBSCRIBE_TEMPLATES, 'ALIPAY_SUBSCRIBE_TEMPLATES');
  if (templates.length > 0 && (!env.ALIPAY_PRIVATE_KEY || !env.ALIPAY_PUBLIC_KEY)) {
    throw new Error('ALIPAY_SUBSCRIBE_TEMPLATES is set but ALIPAY_PRIVATE_KEY or ALIPAY_PUBLIC_KEY is not');
  }
  return templates;
}

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
  const problems = productionProblems(env);
  if (problems.length > 0) throw new Error(`NODE_ENV=production refuses to start: ${problems.join('; ')}`);
  const positive = (name: keyof typeof LOCAL_DEFAULTS, integer = false) => {
    const value = Number(get(name));
    if (!(value > 0) || (integer && !Number.isInteger(value)))
      throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${get(name)}`);
    return value;
  };
  const requestMs = positive('REQUEST_TIMEOUT_SECONDS') * 1000;
  // Node refuses a headers timeout longer than the request timeout.
  const headersMs = Math.min(positive('HEADERS_TIMEOUT_SECONDS') * 1000, requestMs);
  const maxConnectionsPerAddress = Number(get('MAX_CONNECTIONS_PER_ADDRESS'));
  if (!Number.isInteger(maxConnectionsPerAddress) || maxConnectionsPerAddress < 0) {
    throw new Error(`MAX_CONNECTIONS_PER_ADDRESS must be 0 (no cap) or more, got ${get('MAX_CONNECTIONS_PER_ADDRESS')}`);
  }
  const demo = isOn(env.DEMO);
  const corsSetting = env.CORS_ORIGINS?.trim();
  return {
    host: get('HOST'),
    port,
    appId: get('APP_ID'),
    appKey: get('APP_KEY'),
    masterKey: get('MASTER_KEY'),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: get('DATA_DIR'),
    demo,
    hookSecret: get('HOOK_SECRET'),
    sessionTtlDays,
    weapp: {
      appId: get('WEAPP_APPID'),
      secret: get('WEAPP_SECRET'),
      code2SessionUrl: get('WEAPP_CODE2SESSION_URL'),
      apiBase: (env.WEAPP_API_BASE || new URL(get('WEAPP_CODE2SESSION_URL')).origin).replace(/\/$/, ''),
      subscribeTemplates: parseSubscribeTemplates(env.WEAPP_SUBSCRIBE_TEMPLATES),
      codeEnvVersion: weappEnvVersion(get('WEAPP_CODE_ENV_VERSION')),
    },
    alipay: {
      appId: get('ALIPAY_APPID'),
      gatewayUrl: get('ALIPAY_GATEWAY_URL'),
      privateKeyPem: (env.ALIPAY_PRIVATE_KEY ?? '').replace(/\\n/g, '\n'),
      alipayPublicKeyPem: (env.ALIPAY_PUBLIC_KEY ?? '').replace(/\\n/g, '\n'),
    },
    alipaySubscribeTemplates: alipaySubscribeTemplates(env),
    tzCampaign: get('TZ_CAMPAIGN'),
    h5Dir: env.H5_DIR ?? path.resolve('dist/h5'),
    consoleDir: env.CONSOLE_DIR ?? path.resolve('dist/console'),
    shutdownGraceSeconds: Number(env.SHUTDOWN_GRACE_SECONDS ?? 10),
    splitChunkGroups: Number(env.SPLIT_CHUNK_GROUPS ?? 2000),
    jobs: { leaseMs: positive('JOB_LEASE_SECONDS') * 1000, checkMs: positive('JOB_CHECK_SECONDS') * 1000 },
    production: env.NODE_ENV === 'production',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    // Demo mode is for trying the app from anywhere (a phone on the LAN, a dev server); a real
    // deployment serves the H5 app on its own origin and needs no cross-origin callers.
    corsOrigins:
      corsSetting === undefined || corsSetting === ''
        ? demo
          ? 'any'
          : []
        : corsSetting === '*'
          ? 'any'
          : corsSetting
              .split(',')
              .map((origin) => origin.trim().replace(/\/$/, ''))
              .filter(Boolean),
    timeouts: {
      headersMs,
      requestMs,
      keepAliveMs: positive('KEEP_ALIVE_TIMEOUT_SECONDS') * 1000,
      idleMs: positive('IDLE_TIMEOUT_SECONDS') * 1000,
    },
    maxConnectionsPerAddress,
    loginLimits: {
      freeFailures: positive('LOGIN_FREE_FAILURES', true),
      baseDelayMs: 1000,
      maxDelayMs: positive('LOGIN_MAX_DELAY_SECONDS') * 1000,
      forgetAfterMs: 15 * 60 * 1000,
      perAddress: positive('LOGIN_FAILURES_PER_ADDRESS', true),
      addressWindowMs: 15 * 60 * 1000,
      concurrentPerAddress: positive('LOGIN_CONCURRENT_PER_ADDRESS', true),
    },
    logLevel: parseLogLevel(env.LOG_LEVEL),
    metricsToken: env.METRICS_TOKEN || undefined,
    payments: readPaymentSettings(env, demo, port, get('HOST')),
  };
}
