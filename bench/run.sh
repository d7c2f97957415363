#!/usr/bin/env bash
# The API against the framework's own ceiling, in one run: builds Release, starts the API (embedded
# defaults, its own data directory) and a baseline (bench/Orchestrator.Bench.Baseline: Kestrel and the
# same JWT bearer validation, answering bodies recorded from the API from memory), seeds 10,000
# resources through the API, drives both with wrk on loopback and prints requests/s, p50, p99 and
# peak RSS per scenario, and the API's figures as a ratio to the baseline's. Twice: limits in memory,
# then limits in a throwaway Redis. Needs dotnet, wrk, redis-server, curl, python3 (as root it
# installs wrk and redis-server). Not part of ./test.sh.
#
# The warm-up before each scenario is long on purpose: under load the runtime keeps recompiling hot methods
# (tiered JIT) for 15 to 20 seconds, and a scenario measured before that measures the JIT, not the API.
# Besides wrk's figures it reports the CPU time each process spent per request (from /proc/PID/stat over the
# measured run), which moves much less than requests/s when other work shares the machine.
#
#   CONNECTIONS (32), THREADS (2), DURATION (10s), WARMUP (20s), RESOURCES (10000), MODES ("memory redis")
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
RESOURCES=${RESOURCES:-10000}
MODES=${MODES:-memory redis}
WORK=$(mktemp -d /tmp/orchestrator-bench.XXXXXX)
ADMIN_PASSWORD="benchmark-admin-passphrase-1"
STARTED_PIDS=()
export ADMIN_PASSWORD

log() { printf '[bench] %s\n' "$*" >&2; }
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

cleanup() {
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

require_tools wrk redis-server

log "building Release"
dotnet build src/WebApi --configuration Release -v q -nologo >/dev/null
dotnet build bench/Orchestrator.Bench.Baseline --configuration Release -v q -nologo >/dev/null
API_DLL="$ROOT/src/WebApi/bin/Release/net10.0/Orchestrator.WebApi.dll"
BASELINE_DLL="$ROOT/bench/Orchestrator.Bench.Baseline/bin/Release/net10.0/Orchestrator.Bench.Baseline.dll"

# start_api DATA_DIR REDIS_CONNECTION -> sets API_PID and API_URL
start_api() {
  local port; port=$(free_port)
  (cd "$ROOT/src/WebApi" && \
    Urls="http://127.0.0.1:$port" DataDirectory="$1" Bootstrap__AdminPassword="$ADMIN_PASSWORD" \
    Redis__ConnectionString="$2" Redis__KeyPrefix="bench:" \
    RateLimiting__PermitsPerMinute=1000000000 Lockout__AttemptsPerUsernamePerMinute=1000000000 \
    Quotas__S3Buckets=100000000 ASPNETCORE_ENVIRONMENT=Production \
    exec dotnet "$API_DLL") >"$1.log" 2>&1 &
  API_PID=$!
  STARTED_PIDS+=("$API_PID")
  API_URL="http://127.0.0.1:$port"
  wait_for "$API_URL/health/ready"
}

start_baseline() {
  local port; port=$(free_port)
  (cd "$ROOT/bench/Orchestrator.Bench.Baseline" && \
    Urls="http://127.0.0.1:$port" Bench__BodyDirectory="$WORK/bodies" ASPNETCORE_ENVIRONMENT=Production \
    exec dotnet "$BASELINE_DLL") >"$WORK/baseline.log" 2>&1 &
  BASELINE_PID=$!
  STARTED_PIDS+=("$BASELINE_PID")
  BASELINE_URL="http://127.0.0.1:$port"
  wait_for "$BASELINE_URL/health/live"
}

# Seed once, through the API, then copy the stopped API's data directory for each mode.
log "seeding $RESOURCES resources through the API"
start_api "$WORK/seed" ""
TOKEN=$(token_of "$API_URL")
python3 "$ROOT/bench/seed.py" "${API_URL#http://127.0.0.1:}" "$TOKEN" "$RESOURCES"
mkdir -p "$WORK/bodies"
ID=$(curl -fs "$API_URL/api/v1/resources?pageSize=1" -H "Authorization: Bearer $TOKEN" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
curl -fs "$API_URL/api/v1/resources/$ID" -H "Authorization: Bearer $TOKEN" >"$WORK/bodies/resource.json"
curl -fs "$API_URL/api/v1/resources?page=3&pageSize=50" -H "Authorization: Bearer $TOKEN" >"$WORK/bodies/page.json"
curl -fs -X POST "$API_URL/api/v1/resources" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"recorded1","type":"s3","region":"eu-west-2","tags":{"env":"bench"}}' >"$WORK/bodies/created.json"
stop "$API_PID"

# scenario TARGET NAME METHOD_SCRIPT PATH -> one line of results in $WORK/results.tsv
scenario() {
  local mode=$1 target=$2 name=$3 script=$4 path=$5 url pid out
  if [ "$target" = api ]; then url=$API_URL; pid=$API_PID; else url=$BASELINE_URL; pid=$BASELINE_PID; fi
  out="$WORK/$mode-$target-$name.wrk"
  RUN_ID="${mode:0:1}${target:0:1}0" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 30s -s "$ROOT/bench/wrk/$script" "$url$path" >/dev/null
  local ticks_before ticks_after
  ticks_before=$(cpu_ticks "$pid")
  RUN_ID="${mode:0:1}${target:0:1}1" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s --latency -s "$ROOT/bench/wrk/$script" "$url$path" >"$out"
  ticks_after=$(cpu_ticks "$pid")
  if grep -q "Non-2xx" "$out"; then
    log "$mode $target $name: some responses were not 2xx (counted in the table)"
  fi
  python3 - "$out" "$mode" "$target" "$name" "$(peak_rss_mb "$pid")" "$((ticks_after - ticks_before))" "$(getconf CLK_TCK)" >>"$WORK/results.tsv" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
requests = int(re.search(r"(\d+) requests in", text).group(1))
failed = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
cpu_us = int(sys.argv[6]) / int(sys.argv[7]) * 1e6 / requests
print("\t".join([sys.argv[2], sys.argv[3], sys.argv[4], f"{rps:.0f}", f"{ms('50%'):.2f}", f"{ms('99%'):.2f}", sys.argv[5], f"{cpu_us:.0f}", failed.group(1) if failed else "0"]))
PY
}

REDIS_PID=""
for mode in $MODES; do
  redis=""
  if [ "$mode" = redis ]; then
    port=$(free_port)
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis.log" 2>&1 &
    REDIS_PID=$!
    STARTED_PIDS+=("$REDIS_PID")
    redis="127.0.0.1:$port,abortConnect=false"
  fi
  log "mode $mode: API and baseline"
  cp -r "$WORK/seed" "$WORK/$mode"
  start_api "$WORK/$mode" "$redis"
  start_baseline
  export TOKEN
  for target in baseline api; do
    if [ "$target" = api ]; then TOKEN=$(token_of "$API_URL"); else TOKEN=$(token_of "$BASELINE_URL"); fi
    # Same order for both; the baseline first, so the API's GET by id runs on the same warm machine.
    scenario "$mode" "$target" get-by-id get.lua "/api/v1/resources/$ID"
    scenario "$mode" "$target" list get.lua "/api/v1/resources?page=3&pageSize=50"
    scenario "$mode" "$target" create create.lua "/api/v1/resources"
    scenario "$mode" "$target" token token.lua "/token"
  done
  stop "$API_PID"; stop "$BASELINE_PID"
  if [ -n "$REDIS_PID" ]; then stop "$REDIS_PID"; REDIS_PID=""; fi
done

python3 - "$WORK/results.tsv" "$CONNECTIONS" "$DURATION" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
by = {(m, t, n): (float(r), float(p50), float(p99), int(rss), int(cpu), int(bad)) for m, t, n, r, p50, p99, rss, cpu, bad in rows}
names = {"get-by-id": "GET /api/v1/resources/{id}", "list": "GET /api/v1/resources (50 of 10,000)",
         "create": "POST /api/v1/resources", "token": "POST /token (password grant)"}
print(f"\nwrk, {sys.argv[2]} connections, {sys.argv[3]} per scenario, loopback; peak RSS is the process's VmHWM so far;")
print("CPU us/req is the process's user+system CPU time over the measured run divided by the requests served;")
print("non-2xx counts the API's answers that were not 2xx (requests/s counts every answer)\n")
print("| limits | scenario | API req/s | baseline req/s | ratio | API p50 ms | API p99 ms | baseline p50 / p99 ms | API CPU us/req | baseline CPU us/req | API non-2xx | API peak RSS MB | baseline peak RSS MB |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for mode in dict.fromkeys(m for m, _, _ in by):
    for key, label in names.items():
        if (mode, "api", key) not in by:
            continue
        a, b = by[(mode, "api", key)], by[(mode, "baseline", key)]
        print(f"| {mode} | {label} | {a[0]:.0f} | {b[0]:.0f} | {a[0] / b[0]:.2f} | {a[1]:.2f} | {a[2]:.2f} | {b[1]:.2f} / {b[2]:.2f} | {a[4]} | {b[4]} | {a[5]} | {a[3]} | {b[3]} |")
PY
