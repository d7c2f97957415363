#!/usr/bin/env bash
# Two builds of the API side by side, at the same time, to compare a change on a machine whose speed moves
# from minute to minute: each build gets its own data directory (and its own Redis), its own wrk (one thread,
# 32 connections) on GET /api/v1/resources/{id} (or, with SCENARIO=create, POST /api/v1/resources), and both are
# driven in the same seconds. Prints, per round, each one's requests/s, p99, CPU time and GC heap bytes allocated per
# request, the share of the round its GC paused it, and B's requests/s and bytes per request over A's. Two copies of one build give
# about 0.92 to 1.08 per round with memory limits (a change shows when every round is on the same side of 1)
# and 0.84 to 1.11 with Redis limits (there, also run it with A and B swapped).
#
#   bench/side-by-side.sh A B [memory|redis]
#
# A and B are git revisions (built from a detached worktree) or directories holding a built
# Orchestrator.WebApi.dll. ROUNDS (5), DURATION (15s), WARMUP (15s), CONNECTIONS (32), SCENARIO (get: GET by id;
# create: a new s3 bucket per request, with the provisioning worker off so that only the requests are measured).
# Needs dotnet, git, curl, python3, wrk and, for redis, redis-server (as root it installs those two).
# Not part of ./test.sh.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
if [ $# -lt 2 ]; then sed -n '2,14p' "${BASH_SOURCE[0]}"; exit 2; fi
MODE=${3:-memory}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-15s}
CONNECTIONS=${CONNECTIONS:-32}
SCENARIO=${SCENARIO:-get}
case "$SCENARIO" in
  get) SCRIPT=get.lua; WORKER=true ;;
  create) SCRIPT=create.lua; WORKER=false ;;
  *) log "SCENARIO is get or create, not $SCENARIO"; exit 2 ;;
esac
WORK=$(mktemp -d /tmp/orchestrator-side-by-side.XXXXXX)
ADMIN_PASSWORD="bench-Jx4qT9vLp2Wz8k"
STARTED_PIDS=()
WORKTREES=()

log() { printf '[side-by-side] %s\n' "$*" >&2; }
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

cleanup() {
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for tree in "${WORKTREES[@]}"; do git -C "$ROOT" worktree remove --force "$tree" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# build NAME WHAT -> sets BUILD_DIR and CONTENT_ROOT
build() {
  if [ -f "$2/Orchestrator.WebApi.dll" ]; then
    BUILD_DIR=$(cd "$2" && pwd)
    CONTENT_ROOT="$ROOT/src/WebApi"
    return
  fi
  local tree="$WORK/tree-$1"
  log "building $2 ($1)"
  git -C "$ROOT" worktree add --detach --quiet "$tree" "$2"
  WORKTREES+=("$tree")
  dotnet build "$tree/src/WebApi" --configuration Release -v q -nologo -o "$WORK/build-$1" >/dev/null
  BUILD_DIR="$WORK/build-$1"
  CONTENT_ROOT="$tree/src/WebApi"
}

# start NAME BUILD_DIR CONTENT_ROOT -> sets PID_<NAME>, URL_<NAME>, TOKEN_<NAME>, METRICS_<NAME>
start() {
  local name=$1 redis="" port management token id
  if [ "$MODE" = redis ]; then
    local redis_port; redis_port=$(free_port)
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis-$name.log" 2>&1 &
    STARTED_PIDS+=($!)
    redis="127.0.0.1:$redis_port,abortConnect=false"
  fi
  port=$(free_port)
  management=$(free_port)
  # The benchmark measures the API as the seeded admin uses it, signed in with a password only: admin MFA is off.
  (cd "$3" && \
    Urls="http://127.0.0.1:$port" Management__Urls="http://127.0.0.1:$management" DataDirectory="$WORK/data-$name" Bootstrap__AdminPassword="$ADMIN_PASSWORD" \
    Security__RequireMfaForAdmins=false \
    Redis__ConnectionString="$redis" Redis__KeyPrefix="bench:" \
    RateLimiting__PermitsPerMinute=1000000000 Lockout__AttemptsPerUsernamePerMinute=1000000000 \
    Quotas__S3Buckets=100000000 Provisioning__Enabled="$WORKER" \
    ASPNETCORE_ENVIRONMENT=Production DOTNET_GCHeapHardLimit="$BENCH_GC_HEAP_HARD_LIMIT" exec dotnet "$2/Orchestrator.WebApi.dll") >"$WORK/api-$name.log" 2>&1 &
  local pid=$!
  STARTED_PIDS+=("$pid")
  wait_for "http://127.0.0.1:$port/health/ready"
  token=$(token_of "http://127.0.0.1:$port")
  id=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/resources" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"name":"sidebyside1","type":"s3","region":"eu-west-2","tags":{"env":"bench"}}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  printf -v "PID_$name" '%s' "$pid"
  printf -v "METRICS_$name" '%s' "http://127.0.0.1:$management"
  if [ "$SCENARIO" = create ]; then id=""; fi
  printf -v "URL_$name" '%s' "http://127.0.0.1:$port/api/v1/resources/$id"
  printf -v "TOKEN_$name" '%s' "$token"
}

# drive SECONDS RUN -> wrk output of both in $WORK/out-a.txt and $WORK/out-b.txt (RUN keeps each run's new names apart)
drive() {
  RUN_ID=$2 TOKEN=$TOKEN_a wrk -t1 -c"$CONNECTIONS" -d"$1" --latency -s "$ROOT/bench/wrk/$SCRIPT" "$URL_a" >"$WORK/out-a.txt" &
  local first=$!
  RUN_ID=$2 TOKEN=$TOKEN_b wrk -t1 -c"$CONNECTIONS" -d"$1" --latency -s "$ROOT/bench/wrk/$SCRIPT" "$URL_b" >"$WORK/out-b.txt" &
  wait "$first" $!
}

if [ "$MODE" = redis ]; then require_tools wrk redis-server; else require_tools wrk; fi
build a "$1"; start a "$BUILD_DIR" "$CONTENT_ROOT"
build b "$2"; start b "$BUILD_DIR" "$CONTENT_ROOT"
log "A = $1, B = $2, limits in $MODE, scenario $SCENARIO; warming up for $WARMUP"
drive "$WARMUP" 0
for round in $(seq 1 "$ROUNDS"); do
  a0=$(cpu_ticks "$PID_a"); b0=$(cpu_ticks "$PID_b"); gc_a0=$(gc_totals "$METRICS_a"); gc_b0=$(gc_totals "$METRICS_b")
  drive "$DURATION" "$round"
  a1=$(cpu_ticks "$PID_a"); b1=$(cpu_ticks "$PID_b"); gc_a1=$(gc_totals "$METRICS_a"); gc_b1=$(gc_totals "$METRICS_b")
  python3 - "$round" "$WORK/out-a.txt" "$WORK/out-b.txt" $((a1 - a0)) $((b1 - b0)) "$(getconf CLK_TCK)" \
    "$gc_a0" "$gc_a1" "$gc_b0" "$gc_b1" <<'PY'
import re, sys
round_, out_a, out_b, ticks_a, ticks_b, hz, gc_a0, gc_a1, gc_b0, gc_b1 = sys.argv[1:]
def figures(path, ticks, gc0, gc1):
    text = open(path).read()
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    seconds = float(re.search(r"requests in ([\d.]+)s", text).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    p99 = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", text)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    (bytes0, paused0), (bytes1, paused1) = (map(float, gc0.split()), map(float, gc1.split()))
    return (rps, int(ticks) * 1e6 / int(hz) / requests, int(bad.group(1)) if bad else 0, p99_ms,
            (bytes1 - bytes0) / requests / 1024, 100 * (paused1 - paused0) / seconds)
a, b = figures(out_a, ticks_a, gc_a0, gc_a1), figures(out_b, ticks_b, gc_b0, gc_b1)
def side(name, f):
    return f"{name} {f[0]:,.0f} req/s p99 {f[3]:.2f} ms {f[1]:.1f} us/req {f[4]:.1f} KB/req GC {f[5]:.1f} %"
print(f"round {round_}: {side('A', a)} | {side('B', b)} | B/A {b[0] / a[0]:.3f}, KB {b[4] / a[4]:.3f}"
      + (f"  (non-2xx: A {a[2]}, B {b[2]})" if a[2] or b[2] else ""))
PY
done
