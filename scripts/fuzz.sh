#!/usr/bin/env bash
# Fuzz the Compose loader, and the planner and CloudFormation renderer behind it, with libFuzzer (Linux).
#   scripts/fuzz.sh [RUNS]        default 1,000,000 executions, one worker
#   FUZZ_SECONDS=N scripts/fuzz.sh  also stop after N seconds
# Seeds: examples/, the bad-input fixtures and, when present, the shared corpus.
# Crashes land in fuzz-artifacts/; the growing corpus in Fuzz/corpus-run/ (both ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-1000000}"
ROOT="$PWD"
SHARED="${FERRY_SHARED:-$ROOT/../shared}"

swift build --package-path Fuzz -c release --sanitize=fuzzer --sanitize=address -j 1 --product FuzzLoader
BIN="$(swift build --package-path Fuzz -c release --sanitize=fuzzer --sanitize=address --show-bin-path)/FuzzLoader"

mkdir -p Fuzz/corpus-run fuzz-artifacts
seed() { [ -f "$1" ] && cp "$1" "Fuzz/corpus-run/seed-$(echo "$1" | md5sum | cut -c1-12).yaml" || true; }
for f in examples/*/compose*.yaml Tests/ComposeKitTests/Fixtures/bad/*.yaml; do seed "$f"; done
if [ -d "$SHARED/corpus" ]; then
  while IFS= read -r f; do seed "$f"; done < <(find "$SHARED/corpus" "$SHARED/seed-projects" -name '*compose*.y*ml' | sort)
fi

# One process, no extra workers: the machine's cores are shared.
TIME_LIMIT=()
[ -n "${FUZZ_SECONDS:-}" ] && TIME_LIMIT=(-max_total_time="$FUZZ_SECONDS")
"$BIN" Fuzz/corpus-run -runs="$RUNS" "${TIME_LIMIT[@]}" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=fuzz-artifacts/ -print_final_stats=1 2>&1 | tee fuzz-artifacts/last-run.log | grep -E "^#[0-9]+ +(DONE|pulse)|stat::|ERROR|SUMMARY" || true
echo "crash files: $(ls fuzz-artifacts | grep -c -E '^(crash|leak|timeout|oom)-' || true)"
