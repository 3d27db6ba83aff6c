/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

/** Server settings baked in at build time by config/index.ts (defineConstants). */
declare const SERVER_URL: string;
declare const APP_ID: string;
declare const APP_KEY: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV?: 'development' | 'production' | 'test';
    TARO_ENV?: 'weapp' | 'alipay' | 'h5' | 'swan' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony';
  }
}
