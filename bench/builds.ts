import { spawnSync } from 'node:child_process';
import type { Section } from './lib/report';

/** Production builds of the three clients: time to build and the sizes that have budgets. */
export function benchClientBuilds(): Section[] {
  const rows: Section['rows'] = [];
  for (const platform of ['weapp', 'alipay', 'h5'] as const) {
    const started = Date.now();
    const build = spawnSync('npx', ['taro', 'build', '--type', platform], {
      env: { ...process.env, NODE_ENV: 'production', TARO_ENV: platform, SERVER_URL: '' } as NodeJS.ProcessEnv,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`${platform} build failed:\n${build.stdout}\n${build.stderr}`);
    rows.push({ platform, 'build (s)': Math.round((Date.now() - started) / 100) / 10 });
  }
  const sizes = JSON.parse(spawnSync('node', ['scripts/build-sizes.mjs'], { encoding: 'utf8' }).stdout);
  for (const row of rows) {
    const s = sizes[row.platform as string];
    if (row.platform === 'h5') {
      row['initial JS (KB)'] = s.initialJsKB;
      row['initial JS gzip (KB)'] = s.initialJsGzipKB;
    } else {
      row['main package (KB)'] = s.mainPackageKB;
      row['budget'] = '600 KB (WeChat limit 2,048 KB)';
    }
  }
  return [
    { title: 'Client builds (production)', settings: 'taro build per platform, sizes from scripts/build-sizes.mjs', rows, notes: [] },
  ];
}
