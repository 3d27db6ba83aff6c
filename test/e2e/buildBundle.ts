import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/**
 * Builds the app for one platform with the credentials of a test host, into its own folder
 * so dist/<platform> (the developer's build) is left alone. App id and key are baked in at
 * build time, and the test host has its own. Set SKIP_TEST_BUILD=1 to reuse the last test
 * build (it must have been made with the same credentials).
 */
export function buildForTest(platform: 'h5' | 'weapp' | 'alipay', settings: { appId: string; appKey: string; serverUrl: string }): string {
  const outputRoot = `dist/test-${platform}`;
  const outputDir = path.join(ROOT, outputRoot);
  if (process.env.SKIP_TEST_BUILD === '1' && fs.existsSync(path.join(outputDir, platform === 'h5' ? 'index.html' : 'app.js'))) {
    return outputDir;
  }
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', platform], {
    cwd: ROOT,
    stdio: 'pipe',
    env: {
      ...process.env,
      NODE_ENV: 'production',
      OUTPUT_ROOT: outputRoot,
      APP_ID: settings.appId,
      APP_KEY: settings.appKey,
      SERVER_URL: settings.serverUrl,
    },
  });
  return outputDir;
}
