import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * One Taro config for all three targets. Each platform builds into its own folder
 * (dist/h5, dist/weapp, dist/alipay) so builds never overwrite each other, and the
 * server settings are baked in at build time from the environment.
 */
const platform = process.env.TARO_ENV || 'h5';

/**
 * An empty SERVER_URL on H5 means "the origin that served the page": the local host serves the
 * H5 build and the API from one origin. Mini-programs have no origin, so they get a default.
 */
const serverUrl = process.env.SERVER_URL !== undefined ? process.env.SERVER_URL : platform === 'h5' ? '' : 'http://127.0.0.1:3000';

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'besties-groups',
    date: '2026-01-01',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // OUTPUT_ROOT lets tests build a bundle with test credentials without touching dist/<platform>.
    outputRoot: process.env.OUTPUT_ROOT || `dist/${platform}`,
    plugins: [],
    defineConstants: {
      SERVER_URL: JSON.stringify(serverUrl),
      APP_ID: JSON.stringify(process.env.APP_ID || 'besties-local-app'),
      APP_KEY: JSON.stringify(process.env.APP_KEY || 'besties-local-key'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    alias: {
      '@': require('path').resolve(__dirname, '..', 'src'),
    },
    mini: {
      // contract/ is shared with the backend and the console; the app imports a few small functions from it.
      compile: { include: [require('path').resolve(__dirname, '..', 'contract')] },
      // Modules used only by subpackages move into those subpackages, keeping the main package small.
      optimizeMainPackage: { enable: true },
      // Page styles are independent of each other, so their order across chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile: { include: [require('path').resolve(__dirname, '..', 'contract')] },
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
