#!/usr/bin/env bash
# One command for a fresh machine: system packages, npm dependencies, then every test suite (npm test).
set -euo pipefail
cd "$(dirname "$0")/../.."

bash e2e/tools/install-test-deps.sh

# No browser or Electron downloads; native modules build against the local Node headers.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
[ -d /usr/include/node ] && export npm_config_nodedir=/usr

lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.idsync-lock-hash ] || [ "$(cat node_modules/.idsync-lock-hash)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.idsync-lock-hash
fi

npm test
