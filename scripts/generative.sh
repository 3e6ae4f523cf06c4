#!/usr/bin/env bash
# A long generative run in release: generated Compose projects, each loaded, planned at every tier and
# rendered with every renderer (ferry-bench generative), then cfn-lint over a sample of the templates.
#   scripts/generative.sh [COUNT] [SEED]   default 100,000 projects, the test's seed
#   START=N scripts/generative.sh          begin at project N (runs can be split)
#   ROTATING=1 …                           renderers besides CloudFormation at one tier per project (faster)
#   JOBS=N …                               threads (default 2: the machine's cores are shared)
# A failure prints its class, the seed, the index and the smallest project that shows it;
# `ferry-bench generative --check DIR` rechecks a reduced copy.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-100000}"
SEED="${2:-20240601}"
OUT="${GENERATIVE_OUT:-.build/generative}"

swift build -c release -j 1 --product ferry-bench
BIN="$(swift build -c release --show-bin-path)/ferry-bench"
rm -rf "$OUT/templates" && mkdir -p "$OUT/templates"
ARGS=(--count "$COUNT" --seed "$SEED" --start "${START:-0}" --jobs "${JOBS:-2}" --templates "$OUT/templates" --sample-every 1000)
[ -n "${ROTATING:-}" ] && ARGS+=(--rotating)

status=0
"$BIN" generative "${ARGS[@]}" | tee "$OUT/last-run.log" || status=$?

LINT="${FERRY_TEST_VENV:-$PWD/.venv-test}/bin/cfn-lint"
[ -x "$LINT" ] || LINT="$(command -v cfn-lint || true)"
if [ -n "$LINT" ] && compgen -G "$OUT/templates/*.json" > /dev/null; then
  echo "cfn-lint over $(ls "$OUT/templates" | wc -l) sampled templates (errors only):"
  # parseable: file:line:col:endline:endcol:rule:message; E… rules are errors.
  if "$LINT" --format parseable --regions us-east-1 -- "$OUT"/templates/*.json | awk -F: '$6 ~ /^E/' | tee "$OUT/lint-errors.txt" | grep -q .; then
    status=1
  fi
else
  echo "cfn-lint not found (scripts/setup-test-tools.sh): templates left in $OUT/templates"
fi
exit "$status"
