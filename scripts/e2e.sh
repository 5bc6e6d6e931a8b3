#!/usr/bin/env bash
# Editor end-to-end tests: installs code-server, Node 24 and chromium (cached outside the
# workspace), packages the extension, runs the suite in code-server, then the test-electron
# runner (which says plainly when VS Code cannot be downloaded).
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM="npx -y pnpm@12.4.2"
bash scripts/e2e-setup.sh
$PNPM run package
# No retry: a step that fails only sometimes is a bug to fix, not to run again.
$PNPM exec node test/e2e/run.mjs
$PNPM exec node test/e2e/electron/run.mjs
