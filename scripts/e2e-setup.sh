#!/usr/bin/env bash
# Installs what the end-to-end suite needs outside the workspace's pnpm tree:
#   - Debian packages code-server's native modules and the browser need (incl. chromium),
#   - Node 24 (npm package node@24) and code-server 4.139.x into $CELLSPEC_E2E_TOOLS
#     (default ~/.cache/cellspec-e2e). Idempotent: a second run only checks.
set -euo pipefail
TOOLS="${CELLSPEC_E2E_TOOLS:-$HOME/.cache/cellspec-e2e}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
mkdir -p "$TOOLS"

need_apt=()
for pkg in libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if ((${#need_apt[@]})); then
  echo "e2e-setup: apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -x "$TOOLS/node24/node_modules/node/bin/node" ]; then
  echo "e2e-setup: installing Node 24 into $TOOLS/node24"
  mkdir -p "$TOOLS/node24"
  (cd "$TOOLS/node24" && [ -f package.json ] || echo '{"private":true}' > package.json)
  npm install --prefix "$TOOLS/node24" --no-audit --no-fund --loglevel=error node@24 >/dev/null
fi
NODE24="$TOOLS/node24/node_modules/node/bin/node"
NODE24_BIN="$(dirname "$(readlink -f "$NODE24")")"
"$NODE24" --version

CS="$TOOLS/code-server/node_modules/code-server/out/node/entry.js"
if [ ! -f "$CS" ] || ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$TOOLS/code-server/node_modules/code-server/package.json"; then
  echo "e2e-setup: installing code-server@$CODE_SERVER_VERSION with Node 24 into $TOOLS/code-server"
  mkdir -p "$TOOLS/code-server"
  (cd "$TOOLS/code-server" && [ -f package.json ] || echo '{"private":true}' > package.json)
  # code-server's install script builds native modules for the Node that runs npm: put Node 24 first.
  PATH="$NODE24_BIN:$TOOLS/node24/node_modules/.bin:$PATH" npm_config_node_gyp="" \
    npm install --prefix "$TOOLS/code-server" --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@$CODE_SERVER_VERSION" >/dev/null
fi
echo "e2e-setup: code-server $("$NODE24" "$CS" --version | head -1)"
echo "e2e-setup: chromium $(/usr/bin/chromium --version 2>/dev/null || echo missing)"
