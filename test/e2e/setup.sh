#!/usr/bin/env bash
# Installs what the end-to-end tests need, offline apart from the npm registry
# and Debian's apt repositories. Idempotent: a second run is a fast no-op.
#
#   bash test/e2e/setup.sh           # install (or check) everything
#   E2E_FORCE=1 bash test/e2e/setup.sh   # reinstall code-server from scratch
#
# - Debian packages (only those missing): chromium, ripgrep, neovim, sox.
# - code-server (version pinned in test/e2e/code-server/package*.json) into
#   <repo>/.e2e/code-server/, following the recipe that works without network
#   (no postinstall scripts that download things, native modules rebuilt locally).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PIN_DIR="$HERE/code-server"
CS_VERSION="$(node -p "require('$PIN_DIR/package.json').dependencies['code-server']")"
CACHE="$ROOT/.e2e/code-server"
MARKER="$CACHE/.e2e-installed"
CS_DIR="$CACHE/node_modules/code-server"
VSCODE_DIR="$CS_DIR/lib/vscode"

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

now() { date +%s.%N; }
T_START="$(now)"
STEP_NAME=""
STEP_START=""
step() {
  STEP_NAME="$1"
  STEP_START="$(now)"
  echo "==> $STEP_NAME"
}
elapsed() { awk "BEGIN{printf \"%.1f\", $(now) - $1}"; }
done_step() { echo "    done: $STEP_NAME ($(elapsed "$STEP_START") s)"; }

# ---------------------------------------------------------------- apt packages
step "Debian packages (chromium, ripgrep, neovim, sox)"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
# sox: the player scenario (player.e2e.ts) generates its audio with it.
command -v sox >/dev/null 2>&1 || missing+=(sox)
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "    installing: ${missing[*]}"
  # Update the package lists once if they are empty or if the install fails on stale lists.
  if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$' -e '^partial$' -e '^auxfiles$' || true)" ]; then
    $SUDO apt-get update -qq
    updated=1
  else
    updated=0
  fi
  if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
    if [ "$updated" -eq 0 ]; then
      $SUDO apt-get update -qq
      $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      exit 1
    fi
  fi
else
  echo "    already installed"
fi
done_step

# ----------------------------------------------------------------- code-server
LOCK_SUM="$(cat "$PIN_DIR/package.json" "$PIN_DIR/package-lock.json" | sha256sum | cut -c1-16)"
NODE_VERSION="$(node -p process.version)"
WANT_MARKER="code-server $CS_VERSION lock $LOCK_SUM node $NODE_VERSION"

if [ -z "${E2E_FORCE:-}" ] && [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$WANT_MARKER" ] \
  && [ -f "$CS_DIR/out/node/entry.js" ]; then
  echo "==> code-server $CS_VERSION already installed in .e2e/code-server ($WANT_MARKER)"
  echo "total: $(elapsed "$T_START") s"
  exit 0
fi

step "npm ci code-server@$CS_VERSION (--ignore-scripts)"
rm -rf "$CACHE"
mkdir -p "$CACHE"
cp "$PIN_DIR/package.json" "$PIN_DIR/package-lock.json" "$CACHE/"
(cd "$CACHE" && npm ci --ignore-scripts --no-progress --loglevel=error)
done_step

step "rebuild argon2"
(cd "$CACHE" && npm rebuild argon2 --loglevel=error >/dev/null)
done_step

step "lib/vscode: npm install --omit=dev --ignore-scripts"
(cd "$VSCODE_DIR" && npm install --omit=dev --ignore-scripts --no-progress --loglevel=error)
done_step

step "lib/vscode: rebuild @vscode/spdlog native-watchdog @vscode/deviceid"
(cd "$VSCODE_DIR" && npm rebuild @vscode/spdlog native-watchdog @vscode/deviceid --loglevel=error >/dev/null)
done_step

step "lib/vscode: build node-pty with npm's bundled node-gyp"
NPM_DIR="$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)"
NODE_GYP="$NPM_DIR/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$NODE_GYP" ] || NODE_GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
NODE_PREFIX="$(cd "$(dirname "$(readlink -f "$(command -v node)")")/.." && pwd)"
if [ ! -f "$NODE_PREFIX/include/node/node.h" ]; then
  echo "error: Node headers not found under $NODE_PREFIX/include/node (needed to build node-pty)" >&2
  exit 1
fi
(cd "$VSCODE_DIR/node_modules/node-pty" && node "$NODE_GYP" rebuild --nodedir="$NODE_PREFIX" --loglevel=error >/dev/null)
done_step

step "link Debian's rg into @vscode/ripgrep"
mkdir -p "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg"
done_step

step "replay code-server's postinstall (symlinks)"
ln -sfn node_modules "$VSCODE_DIR/node_modules.asar"
ln -sf code-linux.sh "$VSCODE_DIR/bin/remote-cli/code-server"
ln -sf browser-linux.sh "$VSCODE_DIR/bin/helpers/browser.sh"
done_step

step "lib/vscode/extensions: npm install --omit=dev --ignore-scripts + postinstall.mjs"
(cd "$VSCODE_DIR/extensions" && npm install --omit=dev --ignore-scripts --no-progress --loglevel=error \
  && node postinstall.mjs >/dev/null)
done_step

step "check: code-server --version"
# code-server writes its config under HOME/XDG_*: keep that inside the cache.
CHECK_HOME="$CACHE/.check-home"
mkdir -p "$CHECK_HOME"
HOME="$CHECK_HOME" XDG_CONFIG_HOME="$CHECK_HOME/.config" XDG_DATA_HOME="$CHECK_HOME/.local/share" \
  XDG_CACHE_HOME="$CHECK_HOME/.cache" TMPDIR="$CHECK_HOME" node "$CS_DIR/out/node/entry.js" --version
rm -rf "$CHECK_HOME"
done_step

echo "$WANT_MARKER" >"$MARKER"
echo "==> code-server $CS_VERSION installed in .e2e/code-server ($(du -sh "$CACHE" | cut -f1))"
echo "total: $(elapsed "$T_START") s"
