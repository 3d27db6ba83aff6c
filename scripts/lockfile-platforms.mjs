#!/usr/bin/env node
// `npm ci` refuses a lockfile that lacks an entry for any optional dependency,
// including native binaries for other platforms. When the registry in use does
// not carry some of those binaries, `npm install` silently leaves them out of
// the lockfile and every later `npm ci` fails. This script finds such gaps and,
// with --fix, writes the missing entries (version and platform only: npm skips
// them on other platforms and fetches them by version where they apply).
//
//   node scripts/lockfile-platforms.mjs         exit 1 and list gaps
//   node scripts/lockfile-platforms.mjs --fix   fill the gaps
import { readFileSync, writeFileSync } from 'node:fs';

const LOCKFILE = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCKFILE, 'utf8'));
const packages = lock.packages;

/** Where npm would find `name` when required from the package at `from`. */
function resolves(from, name) {
  let base = from;
  for (;;) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

/** os/cpu/libc from the napi-rs naming scheme: <pkg>-<os>-<cpu>[-<abi>]. */
function platformOf(name) {
  const match = /-(darwin|linux|win32|freebsd|android)-(x64|arm64|ia32|arm)(?:-(gnu|musl|msvc|gnueabihf))?$/.exec(name);
  if (!match) return null;
  const [, os, cpu, abi] = match;
  const libc = abi === 'gnu' ? ['glibc'] : abi === 'musl' ? ['musl'] : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

const gaps = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (!resolves(path, name)) gaps.push({ parent: path, name, version, dev: entry.dev === true });
  }
}

if (gaps.length === 0) process.exit(0);

if (!process.argv.includes('--fix')) {
  console.error('package-lock.json lacks optional platform packages, so `npm ci` would fail:');
  for (const gap of gaps) console.error(`  ${gap.name}@${gap.version} (needed by ${gap.parent})`);
  console.error('Run: node scripts/lockfile-platforms.mjs --fix');
  process.exit(1);
}

const unknown = gaps.filter((gap) => !platformOf(gap.name) || !/^\d+\.\d+\.\d+$/.test(gap.version));
if (unknown.length > 0) {
  console.error(`Cannot fill these by name; add them by hand: ${unknown.map((g) => g.name).join(', ')}`);
  process.exit(1);
}
for (const gap of gaps) {
  packages[`node_modules/${gap.name}`] = {
    version: gap.version,
    ...(gap.dev ? { dev: true } : {}),
    optional: true,
    ...platformOf(gap.name),
  };
}
// npm keeps entries sorted by path, compared as it does (locale 'en').
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b, 'en')));
writeFileSync(LOCKFILE, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`Filled ${gaps.length} lockfile entries: ${gaps.map((g) => g.name).join(', ')}`);
