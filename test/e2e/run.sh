#!/usr/bin/env bash
# Runs the end-to-end tests: installs/checks what they need (a fast no-op once
# done), then mocha with test/e2e/.mocharc.json.
#
#   bash test/e2e/run.sh                          # all test/e2e/**/*.e2e.ts
#   bash test/e2e/run.sh test/e2e/smoke.e2e.ts    # only the given file(s)
#   bash test/e2e/run.sh --grep Problems          # mocha options pass through
#   E2E_VERBOSE=1 bash test/e2e/run.sh            # progress lines of the harness
#
# The test process's own temp files (tsx's cache, ...) go to .e2e/tmp, not /tmp.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
bash test/e2e/setup.sh >/dev/null
mkdir -p .e2e/tmp
export TMPDIR="$ROOT/.e2e/tmp"
CONFIG=test/e2e/.mocharc.json
for arg in "$@"; do
  if [ -f "$arg" ]; then
    # Spec files given: mocha would add them to the config's glob, so pass the
    # config's options without its spec.
    mapfile -t OPTS < <(node -e '
      const c = require(process.argv[1]);
      for (const [k, v] of Object.entries(c)) {
        if (k === "spec") continue;
        for (const x of [].concat(v)) { console.log("--" + k); console.log(String(x)); }
      }' "$ROOT/$CONFIG")
    exec node_modules/.bin/mocha --no-config "${OPTS[@]}" "$@"
  fi
done
exec node_modules/.bin/mocha --config "$CONFIG" "$@"
