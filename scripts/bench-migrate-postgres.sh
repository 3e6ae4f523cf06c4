#!/usr/bin/env bash
# Benchmarks `ferry migrate postgres --jobs 4` (dump, restore and the table-by-table verification)
# against `pg_dump -Fd -j4` + `pg_restore -j4` alone, and pgcopydb when it installs, same run:
#   SCALE=50 bash scripts/bench-migrate-postgres.sh          (needs a built ferry: FERRY=.build/debug/ferry)
# Two PostgreSQL 15 servers on free loopback ports (fsync off on both, alike for every tool). The source
# holds `pgbench -i -s SCALE` plus a jsonb table of SCALE × 20,000 rows. Each tool restores into a fresh
# database. Prints a Markdown table; the ratio is ferry's time over pg_dump + pg_restore.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-50}; JOBS=${JOBS:-4}
FERRY=${FERRY:-.build/debug/ferry}
PGBIN=${FERRY_PG_BIN:-/usr/lib/postgresql/15/bin}
export PATH="$PGBIN:$PATH"
if ! command -v pgcopydb >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends pgcopydb >/dev/null 2>&1 || echo "note: pgcopydb did not install" >&2
fi
WORK=$(mktemp -d /tmp/ferry-bench-pg-XXXXXX)
chmod 755 "$WORK"
AS=(); [ "$(id -u)" = 0 ] && { chown postgres:postgres "$WORK"; AS=(runuser -u postgres --); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() { # name port
  "${AS[@]}" initdb -D "$WORK/$1" -U postgres -A trust --no-sync -E UTF8 >/dev/null
  "${AS[@]}" pg_ctl -D "$WORK/$1" -l "$WORK/$1.log" -w -o "-p $2 -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c max_wal_size=4GB -c shared_buffers=256MB" start >/dev/null
}
SRC_PORT=$(free_port); DST_PORT=$(free_port)
start src "$SRC_PORT"; start dst "$DST_PORT"
trap '"${AS[@]}" pg_ctl -D "$WORK/src" -m immediate stop >/dev/null 2>&1 || true; "${AS[@]}" pg_ctl -D "$WORK/dst" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
SRC="postgresql://postgres@127.0.0.1:$SRC_PORT/bench"
dst() { echo "postgresql://postgres@127.0.0.1:$DST_PORT/$1"; }
psql -X -q -h 127.0.0.1 -p "$SRC_PORT" -U postgres -c "CREATE DATABASE bench" postgres
t0=$(date +%s.%N)
pgbench -i -q -s "$SCALE" -h 127.0.0.1 -p "$SRC_PORT" -U postgres bench >/dev/null 2>&1
psql -X -q -h 127.0.0.1 -p "$SRC_PORT" -U postgres bench -c "
  CREATE TABLE docs (id bigserial PRIMARY KEY, body jsonb NOT NULL);
  INSERT INTO docs (body) SELECT jsonb_build_object('n', i, 'tags', jsonb_build_array('a', i % 7), 'text', md5(i::text)) FROM generate_series(1, $SCALE * 20000) i;" -c "VACUUM ANALYZE"
load_s=$(echo "$(date +%s.%N) - $t0" | bc)
SIZE=$(psql -X -A -t -h 127.0.0.1 -p "$SRC_PORT" -U postgres bench -c "SELECT pg_size_pretty(pg_database_size('bench'))")
newdb() { psql -X -q -h 127.0.0.1 -p "$DST_PORT" -U postgres -c "CREATE DATABASE $1" postgres; }
timed() { local t; t=$(date +%s.%N); "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log" >&2; return 1; }; echo "$(date +%s.%N) - $t" | bc; }

newdb plain
plain_s=$(timed bash -c "PGPASSWORD= pg_dump -Fd -j $JOBS -f '$WORK/plain.d' '$SRC' && pg_restore -j $JOBS --no-owner --no-privileges -d '$(dst plain)' '$WORK/plain.d'")
rm -rf "$WORK/plain.d"
newdb viaferry
ferry_s=$(timed "$FERRY" migrate postgres --from "$SRC" --to "$(dst viaferry)" --jobs "$JOBS" --yes --checkpoint-dir "$WORK/ferry")
grep -q "verified:" "$WORK/last.log" || { echo "ferry did not verify" >&2; cat "$WORK/last.log" >&2; exit 1; }
rm -rf "$WORK/ferry"
copydb_s="not installed"
if command -v pgcopydb >/dev/null 2>&1; then
  newdb viacopydb
  copydb_s=$(timed pgcopydb clone --source "$SRC" --target "$(dst viacopydb)" --table-jobs "$JOBS" --index-jobs "$JOBS" --dir "$WORK/copydb" --no-owner --no-acl) || copydb_s="failed"
fi
ratio=$(echo "scale=2; $ferry_s / $plain_s" | bc)
BUILD=$(basename "$(dirname "$FERRY")")
echo
echo "pgbench scale $SCALE + docs (jsonb, $((SCALE * 20000)) rows): $SIZE, loaded in ${load_s%.*} s; $JOBS jobs; ferry $BUILD build; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| tool | seconds |"
echo "|---|---|"
printf "| pg_dump -Fd -j%s + pg_restore -j%s | %.1f |\n" "$JOBS" "$JOBS" "$plain_s"
printf "| ferry migrate postgres --jobs %s (verification included) | %.1f (%s×) |\n" "$JOBS" "$ferry_s" "$ratio"
if [[ "$copydb_s" =~ ^[0-9.]+$ ]]; then printf "| pgcopydb clone (%s table jobs) | %.1f |\n" "$JOBS" "$copydb_s"; else echo "| pgcopydb | $copydb_s |"; fi
