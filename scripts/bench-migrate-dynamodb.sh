#!/usr/bin/env bash
# Benchmarks `ferry migrate dynamodb` against boto3's batch_writer with 8 threads, moto to moto, same run;
# with `kill` as the first argument, runs kill -9 trials instead.
#   ITEMS=200000 bash scripts/bench-migrate-dynamodb.sh          (needs .venv-test from setup-test-tools.sh and a built ferry)
#   TRIALS=20 KILL_ITEMS=20000 bash scripts/bench-migrate-dynamodb.sh kill
# Two moto_servers stand for the two sides (source = dynamodb-local, destination = the stack's account).
# The source table is filled by ferry from a generated JSON lines file (timed too). ferry's table copy
# includes its verification (each page read back by key, a digest of every item); boto3's does not,
# so ferry runs a second time with --verify none for the like-for-like copy.
# Kill trials: one uninterrupted run gives the duration D; each trial copies into a fresh table, is
# killed with SIGKILL at a uniformly random moment in [0.05 D, 0.95 D], then rerun to the end and checked
# (exit 0, verified by ferry, and the target's count from a separate Scan equal to the source's).
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-bench}
ITEMS=${ITEMS:-200000}; TRIALS=${TRIALS:-20}; KILL_ITEMS=${KILL_ITEMS:-20000}
if [ -z "${FERRY:-}" ]; then
  if [ -x .build/release/ferry ]; then FERRY=.build/release/ferry; else FERRY=.build/debug/ferry; fi
fi
PY=.venv-test/bin/python
HELPER=scripts/bench_dynamodb_boto3.py
WORK=$(mktemp -d /tmp/ferry-bench-ddb-XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SRC_PORT=$(free_port); DST_PORT=$(free_port)
.venv-test/bin/moto_server -H 127.0.0.1 -p "$SRC_PORT" >"$WORK/moto-src.log" 2>&1 & SRC_PID=$!
.venv-test/bin/moto_server -H 127.0.0.1 -p "$DST_PORT" >"$WORK/moto-dst.log" 2>&1 & DST_PID=$!
trap 'kill $SRC_PID $DST_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
SRC=http://127.0.0.1:$SRC_PORT; DST=http://127.0.0.1:$DST_PORT
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
for _ in $(seq 100); do curl -s -o /dev/null "$SRC" && curl -s -o /dev/null "$DST" && break; sleep 0.1; done
build=$(case "$FERRY" in *release*) echo release;; *) echo debug;; esac)
echo "ferry $build build; moto $($PY -c 'import moto; print(moto.__version__)'), boto3 $($PY -c 'import boto3; print(boto3.__version__)'); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at start"

seed() { # items
  $PY $HELPER gen "$WORK/items.jsonl" "$1"
  $PY $HELPER create "$SRC" src
  "$FERRY" migrate dynamodb --from "$WORK/items.jsonl" --to src --endpoint-url "$SRC" --yes --checkpoint-dir "$WORK/seed-ckpt" --format json >"$WORK/out-seed" 2>"$WORK/err-seed"
}
now() { date +%s.%N; }

if [ "$MODE" = kill ]; then
  $PY $HELPER gen "$WORK/items.jsonl" "$KILL_ITEMS"; $PY $HELPER create "$SRC" src
  "$FERRY" migrate dynamodb --from "$WORK/items.jsonl" --to src --endpoint-url "$SRC" --yes --checkpoint-dir "$WORK/seed-ckpt" >/dev/null 2>&1
  copy_args() { echo migrate dynamodb --from dynamodb://src --source-endpoint-url "$SRC" --to "$1" --endpoint-url "$DST" --yes --checkpoint-dir "$WORK/ckpt-$1" --format json; }
  $PY $HELPER create "$DST" base
  start=$(now); "$FERRY" $(copy_args base) >/dev/null 2>&1; D=$(echo "$(now) - $start" | bc)
  echo "kill -9 trials: $KILL_ITEMS items, table → table, an uninterrupted run takes ${D}s"
  echo "| trial | killed after s | killed mid-run | rerun exit | verified | items at target | lost | duplicated |"
  echo "|---|---|---|---|---|---|---|---|"
  # Trials go on until TRIALS kills have landed mid-run (a kill after the run's end is listed, not counted).
  ok=0; mids=0; t=0
  while [ "$mids" -lt "$TRIALS" ] && [ "$t" -lt $((TRIALS * 3)) ]; do
    t=$((t + 1))
    table=trial-$t; $PY $HELPER create "$DST" "$table"
    at=$(python3 -c "import random; print(round(random.uniform(0.05, 0.95) * $D, 2))")
    "$FERRY" $(copy_args "$table") >"$WORK/kill-out-$t" 2>&1 & pid=$!
    sleep "$at"
    if kill -9 "$pid" 2>/dev/null; then mid=yes; else mid=no; fi
    wait "$pid" 2>/dev/null || true
    set +e; "$FERRY" $(copy_args "$table") >"$WORK/rerun-$t" 2>"$WORK/rerun-err-$t"; rc=$?; set -e
    verified=$($PY -c "import json,sys; print(json.load(open(sys.argv[1])).get('verified'))" "$WORK/rerun-$t" 2>/dev/null || echo "?")
    n=$($PY $HELPER count "$DST" "$table")
    lost=$(( n < KILL_ITEMS ? KILL_ITEMS - n : 0 )); dup=$(( n > KILL_ITEMS ? n - KILL_ITEMS : 0 ))
    if [ "$mid" = yes ]; then
      mids=$((mids + 1))
      [ "$rc" = 0 ] && [ "$verified" = True ] && [ "$n" = "$KILL_ITEMS" ] && ok=$((ok + 1))
    fi
    echo "| $t | $at | $mid | $rc | $verified | $n | $lost | $dup |"
  done
  echo "$ok of $mids mid-run kills ($t trials) resumed to a verified copy with 0 lost and 0 duplicated"
  exit 0
fi

start=$(now); seed "$ITEMS"; SEED_S=$(echo "$(now) - $start" | bc)
$PY $HELPER create "$DST" dst-ferry dst-boto3 dst-ferry-none
measure() { # name table command...
  local name=$1 table=$2; shift 2
  local start end rss=""
  start=$(now)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$WORK/time-$table" "$@" >"$WORK/out-$table" 2>"$WORK/err-$table"
    rss=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); printf "%.0f", $2/1024}' "$WORK/time-$table")
  else
    "$@" >"$WORK/out-$table" 2>"$WORK/err-$table"
  fi
  end=$(now)
  local secs n
  secs=$(echo "$end - $start" | bc)
  n=$($PY $HELPER count "$DST" "$table")
  printf "| %s | %.1f | %.0f | %s | %s |\n" "$name" "$secs" "$(echo "$n / $secs" | bc -l)" "${rss:-n/a}" "$n"
}
echo "items: $ITEMS plain JSON items of about 200 bytes"
echo "| tool | seconds | items/s | peak RSS MiB | items at destination |"
echo "|---|---|---|---|---|"
printf "| ferry, JSON lines file → source table (seeding, verified) | %.1f | %.0f | n/a | %s |\n" "$SEED_S" "$(echo "$ITEMS / $SEED_S" | bc -l)" "$($PY $HELPER count "$SRC" src)"
measure "ferry migrate dynamodb, table → table (4 segments, 2 Scan pages and 8 writes in flight, verified by read-back)" dst-ferry \
  "$FERRY" migrate dynamodb --from dynamodb://src --source-endpoint-url "$SRC" --to dst-ferry --endpoint-url "$DST" --yes --checkpoint-dir "$WORK/ckpt" --format json
measure "boto3 batch_writer, 8 threads (parallel Scan, not verified)" dst-boto3 $PY $HELPER copy "$SRC" src "$DST" dst-boto3 8
measure "ferry migrate dynamodb --verify none (the same copy, not read back: like for like with boto3)" dst-ferry-none \
  "$FERRY" migrate dynamodb --from dynamodb://src --source-endpoint-url "$SRC" --to dst-ferry-none --endpoint-url "$DST" --yes --checkpoint-dir "$WORK/ckpt-none" --verify none --format json
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at end"
