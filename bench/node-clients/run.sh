#!/usr/bin/env bash
# Checks the channel sandbox with the Node.js alipay-sdk and wechatpay-axios-plugin (versions pinned in
# package.json / package-lock.json). Needs node >= 18 and npm; installs the two clients here (network), then runs
# check.mjs against a running sandbox:
#
#   ./mvnw -pl sandbox -Pstandalone spring-boot:run     # or a Tongbao demo run (http://127.0.0.1:8080)
#   bench/node-clients/run.sh [http://127.0.0.1:8090]
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
SANDBOX_URL="${1:-${SANDBOX_URL:-http://127.0.0.1:8090}}" node check.mjs
