#!/usr/bin/env bash
# Runs the extension-host tests (test/extension/, bundled by
# `node scripts/build.mjs --tests` into dist/test/extension.js).
#
#   bash test/extension/run.sh             # in code-server + headless Chromium (offline; CI)
#   bash test/extension/run.sh --desktop   # in desktop VS Code through @vscode/test-electron
#   E2E_VERBOSE=1 bash test/extension/run.sh   # also the workbench's console (the suite's spec output)
#   EXTENSION_TESTS_TIMEOUT_MS=60000 bash test/extension/run.sh   # time-out of the whole run (default 300 s)
#
# The test process's own temp files (tsx's cache, ...) go to .e2e/tmp, not /tmp.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
case " $* " in
  *" --desktop "*) ;;
  *) bash test/e2e/setup.sh >/dev/null ;;
esac
mkdir -p .e2e/tmp
export TMPDIR="$ROOT/.e2e/tmp"
exec node --import tsx test/extension/run.ts "$@"
