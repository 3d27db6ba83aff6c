import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Size budgets of the production builds (built by the test command just before this runs). */
const WEAPP_MAIN_BUDGET_KB = 600;
const WECHAT_PACKAGE_LIMIT_KB = 2048;

const sizes = JSON.parse(execFileSync('node', [path.resolve('scripts/build-sizes.mjs')], { encoding: 'utf8' }));

describe('client bundle sizes', () => {
  it.each(['weapp', 'alipay'])('%s main package stays within the budget', (platform) => {
    expect(sizes[platform]).not.toBeNull();
    expect(sizes[platform].mainPackageKB).toBeGreaterThan(50);
    expect(sizes[platform].mainPackageKB).toBeLessThan(WEAPP_MAIN_BUDGET_KB);
    for (const kb of Object.values<number>(sizes[platform].subpackagesKB)) expect(kb).toBeLessThan(WECHAT_PACKAGE_LIMIT_KB);
  });

  it('h5 initial JavaScript is built and below 1 MB raw', () => {
    expect(sizes.h5.initialJsKB).toBeGreaterThan(50);
    expect(sizes.h5.initialJsKB).toBeLessThan(1024);
  });
});
