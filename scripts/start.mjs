#!/usr/bin/env node
// `npm start`: build the H5 app (production), then run the host in demo mode on one origin
// (API + H5), with the embedded database unless DATABASE_URL is set, and open a browser.
import { spawn, spawnSync } from 'node:child_process';

const env = { ...process.env, DEMO: process.env.DEMO ?? '1' };
const port = env.PORT ?? '3000';
const host = env.HOST ?? '127.0.0.1';

function step(title) {
  console.log(`\n▶ ${title}`);
}

if (process.env.SKIP_BUILD !== '1') {
  step('Building the H5 app (production, about half a minute)…');
  const started = Date.now();
  const build = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
    stdio: 'inherit',
    env: { ...env, NODE_ENV: 'production', TARO_ENV: 'h5', SERVER_URL: '' },
  });
  if (build.status !== 0) {
    console.error('\nThe H5 build failed (output above). Fix it, or run the API alone with `npm run serve`.');
    process.exit(build.status ?? 1);
  }
  console.log(`H5 app built in ${Math.round((Date.now() - started) / 1000)} s → dist/h5`);
  step('Building the marketer console…');
  const consoleBuild = spawnSync('node', ['console/build.mjs'], { stdio: 'inherit', env });
  if (consoleBuild.status !== 0) {
    console.error('\nThe console build failed (output above).');
    process.exit(consoleBuild.status ?? 1);
  }
}

step('Starting the host (backend + embedded database + demo data)…');
// The host runs as this Node with tsx's loader, not through npx: a signal forwarded below then
// reaches the host itself (npx would exit and leave it running).
const server = spawn(process.execPath, ['--import', 'tsx', 'cloud/main.ts'], { stdio: ['inherit', 'pipe', 'inherit'], env });
let opened = false;
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!opened && chunk.toString().includes('host ready')) {
    opened = true;
    openBrowser(`http://${host}:${port}/`);
  }
});
const forward = (signal) => () => server.kill(signal);
process.on('SIGINT', forward('SIGINT'));
process.on('SIGTERM', forward('SIGTERM'));
server.on('exit', (code) => process.exit(code ?? 0));

function openBrowser(url) {
  if (process.env.CI || process.env.NO_OPEN === '1') return;
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'start' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log(`Open ${url} in your browser.`));
  child.unref();
}
