#!/usr/bin/env bash
# `npm test`: every test, in order of speed, on both database engines, with real parts:
#   1. lint, format, layers, types  2. unit tests (domain, host, app utilities, benchmark tools, contract, console)
#   3. integration on PGlite   4. integration on a throwaway PostgreSQL server, then several hosts on it
#   5. production builds of the mini-programs, H5 and the console, with their size budgets
#   6. the built weapp bundle driven in Node, and the H5 app in headless Chromium
# Installs what is missing from Debian's packages (postgresql, chromium) — as root here.
set -euo pipefail
cd "$(dirname "$0")/.."

export NODE_OPTIONS="${NODE_OPTIONS:-} --experimental-vm-modules --no-warnings=ExperimentalWarning"
export CI="${CI:-}"
JEST="npx jest --ci"
started=$(date +%s)
step() { printf '\n\033[1m▶ %s\033[0m (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }

[ -d node_modules ] || { step "Installing npm dependencies"; npm ci --no-audit --no-fund; }

step "1/6 Lockfile complete for \`npm ci\` on every platform; lint (eslint), format (prettier), layers (depcruise); type check (tsc --noEmit: backend, app, tests; the console)"
node scripts/lockfile-platforms.mjs
npx eslint .
npx prettier --check . --log-level warn
npm run --silent deps
npx tsc --noEmit -p .
npx tsc --noEmit -p console

step "2/6 Unit tests"
# console/src is named although "src" matches it: the console's unit tests are meant to run here.
# Folder patterns end in a slash: a bare "cloud" would also match test/integration/leancloudImport.
$JEST cloud/ src/ bench/ contract/ console/src/

step "3/6 Integration tests through the real SDK — embedded PGlite"
$JEST test/integration

step "4/6 Integration tests through the real SDK — PostgreSQL server"
pg_dir=$(mktemp -d /tmp/besties-pg.XXXXXX)
cleanup() { scripts/pg-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
TEST_DATABASE_URL=$(PG_FSYNC=off scripts/pg-cluster.sh start "$pg_dir")
TEST_DATABASE_URL="$TEST_DATABASE_URL" $JEST test/integration
# Several hosts on that one server act as one (jobs once per slot, caches, limits, start-up).
TEST_DATABASE_URL="$TEST_DATABASE_URL" $JEST --runInBand test/multihost
cleanup
trap - EXIT

step "5/6 Production builds (weapp, alipay, h5, console) and size budgets"
for platform in weapp alipay h5; do
  t0=$(date +%s)
  NODE_ENV=production TARO_ENV=$platform SERVER_URL= npx taro build --type "$platform" > "/tmp/besties-build-$platform.log" 2>&1 \
    || { tail -50 "/tmp/besties-build-$platform.log"; echo "The $platform build failed."; exit 1; }
  echo "  $platform built in $(( $(date +%s) - t0 ))s"
done
node console/build.mjs
$JEST test/bundle

step "6/6 End to end: weapp bundle in Node, H5 in headless Chromium"
if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium is not installed: installing Debian's chromium package (apt-get, as root)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null
fi
$JEST --runInBand test/weapp test/e2e

step "All tests passed"
