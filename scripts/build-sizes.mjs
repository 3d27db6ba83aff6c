#!/usr/bin/env node
/**
 * Prints the sizes that matter for the client builds, as JSON:
 * - weapp / alipay: the main package (everything outside the subpackage roots listed in
 *   app.json), which WeChat caps at 2 MB, and each subpackage;
 * - h5: the JavaScript and CSS the browser must load before the first page renders (the
 *   <script>/<link> tags of index.html), raw and gzipped, and the total of all lazy chunks.
 * Usage: node scripts/build-sizes.mjs [distDir]   (default: dist)
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const distDir = path.resolve(process.argv[2] ?? 'dist');
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function miniProgramSizes(platformDir) {
  const appJsonPath = path.join(platformDir, 'app.json');
  if (!fs.existsSync(appJsonPath)) return null;
  const appJson = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'));
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''));
  const subpackages = Object.fromEntries(roots.map((root) => [root, 0]));
  let mainBytes = 0;
  for (const file of filesUnder(platformDir)) {
    const relative = path.relative(platformDir, file).split(path.sep).join('/');
    // Source maps and licence notes are not uploaded with the package.
    if (relative.endsWith('.map') || relative.endsWith('.LICENSE.txt')) continue;
    const size = fs.statSync(file).size;
    const root = roots.find((r) => relative === r || relative.startsWith(`${r}/`));
    if (root) subpackages[root] += size;
    else mainBytes += size;
  }
  return {
    mainPackageKB: kb(mainBytes),
    subpackagesKB: Object.fromEntries(Object.entries(subpackages).map(([root, bytes]) => [root, kb(bytes)])),
  };
}

function h5Sizes(h5Dir) {
  const indexPath = path.join(h5Dir, 'index.html');
  if (!fs.existsSync(indexPath)) return null;
  const html = fs.readFileSync(indexPath, 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]);
  const initial = { js: 0, jsGzip: 0, css: 0, cssGzip: 0 };
  const initialFiles = new Set();
  for (const ref of refs) {
    const file = path.join(h5Dir, ref.replace(/^\.?\//, ''));
    if (!fs.existsSync(file)) continue;
    initialFiles.add(path.resolve(file));
    const content = fs.readFileSync(file);
    const gz = zlib.gzipSync(content, { level: 9 }).length;
    if (file.endsWith('.js')) {
      initial.js += content.length;
      initial.jsGzip += gz;
    } else if (file.endsWith('.css')) {
      initial.css += content.length;
      initial.cssGzip += gz;
    }
  }
  const lazyJs = filesUnder(h5Dir)
    .filter((f) => f.endsWith('.js') && !initialFiles.has(path.resolve(f)))
    .reduce((sum, f) => sum + fs.statSync(f).size, 0);
  return {
    initialJsKB: kb(initial.js),
    initialJsGzipKB: kb(initial.jsGzip),
    initialCssKB: kb(initial.css),
    initialCssGzipKB: kb(initial.cssGzip),
    lazyJsKB: kb(lazyJs),
  };
}

const report = {
  weapp: miniProgramSizes(path.join(distDir, 'weapp')),
  alipay: miniProgramSizes(path.join(distDir, 'alipay')),
  h5: h5Sizes(path.join(distDir, 'h5')),
};
console.log(JSON.stringify(report, null, 2));
