/**
 * Builds the marketer console: console/src → dist/console/ (index.html, app.js, app.css).
 *
 *   node console/build.mjs                 → dist/console
 *   OUT_DIR=dist/test-console node console/build.mjs
 *
 * App id and key are baked in at build time (APP_ID / APP_KEY, defaults as for the local host);
 * the server URL is the origin that served the page, so the console always talks to its own host.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

export async function buildConsole({
  outDir = process.env.OUT_DIR ?? 'dist/console',
  appId = process.env.APP_ID ?? 'besties-local-app',
  appKey = process.env.APP_KEY ?? 'besties-local-key',
} = {}) {
  const out = path.resolve(root, outDir);
  fs.mkdirSync(out, { recursive: true });
  const result = await esbuild.build({
    entryPoints: { app: path.join(here, 'src/main.tsx') },
    outdir: out,
    bundle: true,
    minify: true,
    sourcemap: false,
    target: 'es2019',
    platform: 'browser',
    format: 'iife',
    jsx: 'automatic',
    loader: { '.tsx': 'tsx', '.ts': 'ts', '.css': 'css' },
    // The preview renders the app's own campaign page component (src/packages/campaign/CampaignPageView.tsx);
    // its four Taro components become plain DOM elements here.
    alias: { '@tarojs/components': path.join(here, 'src/taro/components.tsx') },
    define: {
      'process.env.NODE_ENV': '"production"',
      __CONSOLE_APP_ID__: JSON.stringify(appId),
      __CONSOLE_APP_KEY__: JSON.stringify(appKey),
    },
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(here, 'index.html'), path.join(out, 'index.html'));
  const sizes = Object.fromEntries(
    ['index.html', 'app.js', 'app.css'].map((name) => [
      name,
      fs.existsSync(path.join(out, name)) ? fs.statSync(path.join(out, name)).size : 0,
    ]),
  );
  return { outDir: out, sizes, metafile: result.metafile };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const { outDir, sizes } = await buildConsole();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`console built into ${path.relative(root, outDir)} in ${Date.now() - started} ms`);
  for (const [name, size] of Object.entries(sizes)) console.log(`  ${name.padEnd(10)} ${kb(size)}`);
}
