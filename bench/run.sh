#!/usr/bin/env bash
# The API against the framework's own ceiling, in one run: builds Release, starts the API (embedded
# defaults, its own data directory) and a baseline (bench/Orchestrator.Bench.Baseline: Kestrel and the
# same JWT bearer validation, answering bodies recorded from the API from memory), seeds 10,000
# resources through the API, drives both with wrk on loopback and prints requests/s, p50, p99 and
# peak RSS per scenario, and the API's figures as a ratio to the baseline's. Twice: limits in memory,
# then limits in a throwaway Redis. In Redis mode a second baseline also runs, the Redis floor: the same app making
# one awaited Redis round trip per request against the same redis-server, and the API is reported against it too.
# Needs dotnet, wrk, redis-server, curl, python3 (as root it installs wrk and redis-server). Not part of ./test.sh.
#
# The warm-up before each scenario is long on purpose: under load the runtime keeps recompiling hot methods
# (tiered JIT) for 15 to 20 seconds, and a scenario measured before that measures the JIT, not the API.
# Besides wrk's figures it reports the CPU time each process spent per request (from /proc/PID/stat over the
# measured run), which moves much less than requests/s when other work shares the machine.
#
# Each scenario runs on the baseline (and the Redis floor) and then on the API, back to back. GET by id, the one
# with a target, is measured in ROUNDS alternating rounds (baseline, floor, API, baseline, ...) after one warm-up
# each: the speed of a shared machine moves from minute to minute, and a ratio of two runs minutes apart measured
# that as well. Its row gives the median round of each and the median of the per-round ratios (each API round
# against the baseline's and the floor's rounds just before it), with every round's ratio (and the API's p99 in
# that round) beside it.
#
#   CONNECTIONS (32), THREADS (2), DURATION (10s), WARMUP (20s), ROUNDS (3), RESOURCES (10000), MODES ("memory redis"),
#   SCENARIOS ("all", or "get-by-id" for GET by id alone: the scenario with a target)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
ROUNDS=${ROUNDS:-3}
RESOURCES=${RESOURCES:-10000}
MODES=${MODES:-memory redis}
SCENARIOS=${SCENARIOS:-all}
WORK=$(mktemp -d /tmp/orchestrator-bench.XXXXXX)
ADMIN_PASSWORD="bench-Jx4qT9vLp2Wz8k"
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
  # The benchmark measures the API as the seeded admin uses it, signed in with a password only: admin MFA is off.
  (cd "$ROOT/src/WebApi" && \
    Urls="http://127.0.0.1:$port" DataDirectory="$1" Bootstrap__AdminPassword="$ADMIN_PASSWORD" \
    Security__RequireMfaForAdmins=false \
    Redis__ConnectionString="$2" Redis__KeyPrefix="bench:" \
    RateLimiting__PermitsPerMinute=1000000000 Lockout__AttemptsPerUsernamePerMinute=1000000000 \
    Quotas__S3Buckets=100000000 ASPNETCORE_ENVIRONMENT=Production DOTNET_GCHeapHardLimit="$BENCH_GC_HEAP_HARD_LIMIT" \
    exec dotnet "$API_DLL") >"$1.log" 2>&1 &
  API_PID=$!
  STARTED_PIDS+=("$API_PID")
  API_URL="http://127.0.0.1:$port"
  wait_for "$API_URL/health/ready"
}

# start_baseline NAME REDIS_CONNECTION -> sets BASELINE_PID and BASELINE_URL (with a connection: the Redis floor)
start_baseline() {
  local port; port=$(free_port)
  (cd "$ROOT/bench/Orchestrator.Bench.Baseline" && \
    Urls="http://127.0.0.1:$port" Bench__BodyDirectory="$WORK/bodies" Bench__RedisConnectionString="$2" \
    ASPNETCORE_ENVIRONMENT=Production exec dotnet "$BASELINE_DLL") >"$WORK/$1.log" 2>&1 &
  BASELINE_PID=$!
  STARTED_PIDS+=("$BASELINE_PID")
  BASELINE_URL="http://127.0.0.1:$port"
  wait_for "$BASELINE_URL/health/live"
}

# Seed once, through the API, and wait for the provisioning worker to finish every creation (else the measured
# API would work through the leftover jobs during GET by id); then copy the stopped API's data directory for each mode.
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

# target_of TARGET -> sets URL, PID and TOKEN for the API, the baseline or the Redis floor
target_of() {
  case "$1" in
    api) URL=$API_URL; PID=$API_PID; TOKEN=$API_TOKEN ;;
    floor) URL=$FLOOR_URL; PID=$FLOOR_PID; TOKEN=$FLOOR_TOKEN ;;
    *) URL=$BASELINE_URL; PID=$BASELINE_PID; TOKEN=$BASELINE_TOKEN ;;
  esac
}

# warm MODE TARGET SCRIPT PATH: load before measuring, long enough for tiered JIT to settle.
warm() {
  target_of "$2"
  RUN_ID="${1:0:1}${2:0:1}0" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 30s -s "$ROOT/bench/wrk/$3" "$URL$4" >/dev/null
}

# measure MODE TARGET NAME SCRIPT PATH ROUND -> one line of results in $WORK/results.tsv
measure() {
  local mode=$1 target=$2 name=$3 script=$4 path=$5 round=$6 out ticks_before ticks_after redis_before=0 redis_after=0
  target_of "$target"
  out="$WORK/$mode-$target-$name-$round.wrk"
  ticks_before=$(cpu_ticks "$PID")
  if [ -n "$REDIS_PID" ]; then redis_before=$(cpu_ticks "$REDIS_PID"); fi
  RUN_ID="${mode:0:1}${target:0:1}$round" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s --latency -s "$ROOT/bench/wrk/$script" "$URL$path" >"$out"
  ticks_after=$(cpu_ticks "$PID")
  if [ -n "$REDIS_PID" ]; then redis_after=$(cpu_ticks "$REDIS_PID"); fi
  if grep -q "Non-2xx" "$out"; then
    log "$mode $target $name: some responses were not 2xx (counted in the table)"
  fi
  python3 - "$out" "$mode" "$target" "$name" "$(peak_rss_mb "$PID")" "$((ticks_after - ticks_before))" "$(getconf CLK_TCK)" "$round" \
    "$((redis_after - redis_before))" >>"$WORK/results.tsv" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
requests = int(re.search(r"(\d+) requests in", text).group(1))
failed = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
cpu_us = int(sys.argv[6]) / int(sys.argv[7]) * 1e6 / requests
redis_us = int(sys.argv[9]) / int(sys.argv[7]) * 1e6 / requests
print("\t".join([sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[8], f"{rps:.0f}", f"{ms('50%'):.2f}", f"{ms('99%'):.2f}", sys.argv[5], f"{cpu_us:.0f}",
                  failed.group(1) if failed else "0", f"{redis_us:.0f}"]))
PY
}

# scenario MODE NAME SCRIPT PATH ROUNDS: the baseline (and in Redis mode the Redis floor), then the API, warmed up
# once each, then measured in turn.
scenario() {
  local mode=$1 name=$2 script=$3 path=$4 rounds=$5 round target targets=(baseline)
  if [ "$mode" = redis ]; then targets+=(floor); fi
  targets+=(api)
  for target in "${targets[@]}"; do warm "$mode" "$target" "$script" "$path"; done
  for round in $(seq 1 "$rounds"); do
    for target in "${targets[@]}"; do measure "$mode" "$target" "$name" "$script" "$path" "$round"; done
  done
}

REDIS_PID=""
for mode in $MODES; do
  redis=""
  if [ "$mode" = redis ]; then
    port=$(free_port)
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis-server.log" 2>&1 &
    REDIS_PID=$!
    STARTED_PIDS+=("$REDIS_PID")
    redis="127.0.0.1:$port,abortConnect=false"
  fi
  log "mode $mode: API and baseline${redis:+ and Redis floor}"
  cp -r "$WORK/seed" "$WORK/$mode"
  start_api "$WORK/$mode" "$redis"
  FLOOR_PID=""
  if [ -n "$redis" ]; then
    start_baseline floor "$redis"
    FLOOR_PID=$BASELINE_PID; FLOOR_URL=$BASELINE_URL
    FLOOR_TOKEN=$(token_of "$FLOOR_URL")
  fi
  start_baseline baseline ""
  export TOKEN
  API_TOKEN=$(token_of "$API_URL")
  BASELINE_TOKEN=$(token_of "$BASELINE_URL")
  # The API's peak RSS after GET by id is read before the other scenarios have run.
  scenario "$mode" get-by-id get.lua "/api/v1/resources/$ID" "$ROUNDS"
  if [ "$SCENARIOS" = all ]; then
    scenario "$mode" list get.lua "/api/v1/resources?page=3&pageSize=50" 1
    scenario "$mode" create create.lua "/api/v1/resources" 1
    # The creations leave provisioning jobs behind; logins are measured once the worker has finished them.
    python3 "$ROOT/bench/seed.py" "${API_URL#http://127.0.0.1:}" "$API_TOKEN" 0
    scenario "$mode" token token.lua "/token" 1
  fi
  stop "$API_PID"; stop "$BASELINE_PID"
  if [ -n "$FLOOR_PID" ]; then stop "$FLOOR_PID"; fi
  if [ -n "$REDIS_PID" ]; then stop "$REDIS_PID"; REDIS_PID=""; fi
done

python3 - "$WORK/results.tsv" "$CONNECTIONS" "$DURATION" "$ROUNDS" <<'PY'
import statistics, sys
rounds = {}
for line in open(sys.argv[1]):
    m, t, n, r, rps, p50, p99, rss, cpu, bad, redis_cpu = line.rstrip("\n").split("\t")
    rounds.setdefault((m, t, n), []).append((int(r), float(rps), float(p50), float(p99), int(rss), int(cpu), int(bad), int(redis_cpu)))
names = {"get-by-id": "GET /api/v1/resources/{id}", "list": "GET /api/v1/resources (50 of 10,000)",
         "create": "POST /api/v1/resources", "token": "POST /token (password grant)"}

def median_round(runs):
    # The round with the median requests/s, so that its latencies and CPU time are that round's own.
    ordered = sorted(runs, key=lambda run: run[1])
    return ordered[(len(ordered) - 1) // 2]

def against(api, reference):
    # Each API round against the reference's round of the same number (measured just before it).
    reference_of = {run[0]: run for run in reference}
    ratios = [run[1] / reference_of[run[0]][1] for run in api]
    per_round = ", ".join(f"{ratio:.2f} ({run[3]:.2f})" for ratio, run in zip(ratios, api))
    return statistics.median(ratios), per_round

print(f"\nwrk, {sys.argv[2]} connections, {sys.argv[3]} per measured run, loopback; GET by id in {sys.argv[4]} alternating rounds")
print("(baseline, Redis floor in Redis mode, API, ...): its figures are each one's median round and the median of the per-round")
print("ratios, with every round's ratio and the API's p99 in that round;")
print("peak RSS is the process's VmHWM so far (the API's after GET by id is read before the other scenarios);")
print("CPU us/req is the process's user+system CPU time over the measured run divided by the requests served;")
print("non-2xx counts the API's answers that were not 2xx (requests/s counts every answer)\n")
print("| limits | scenario | API req/s | baseline req/s | ratio | ratio per round (API p99 ms) | API p50 ms | API p99 ms | baseline p50 / p99 ms | API CPU us/req | baseline CPU us/req | API non-2xx | API peak RSS MB | baseline peak RSS MB |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for mode in dict.fromkeys(m for m, _, _ in rounds):
    for key, label in names.items():
        if (mode, "api", key) not in rounds:
            continue
        api, base = rounds[(mode, "api", key)], rounds[(mode, "baseline", key)]
        ratio, per_round = against(api, base)
        a, b = median_round(api), median_round(base)
        print(f"| {mode} | {label} | {a[1]:.0f} | {b[1]:.0f} | {ratio:.2f} | {per_round} | {a[2]:.2f} | {a[3]:.2f} | "
              f"{b[2]:.2f} / {b[3]:.2f} | {a[5]} | {b[5]} | {sum(run[6] for run in api)} | {max(run[4] for run in api)} | {max(run[4] for run in base)} |")

if any(t == "floor" for _, t, _ in rounds):
    print("\nRedis mode against the Redis floor (the baseline making one awaited Redis round trip per request, an EVALSHA of a")
    print("script that reads one key, against the same redis-server); Redis CPU us/req is redis-server's CPU time over each")
    print("one's measured run divided by its requests\n")
    print("| limits | scenario | API req/s | floor req/s | ratio to floor | ratio to floor per round (API p99 ms) | API p99 ms | floor p50 / p99 ms | API CPU us/req | floor CPU us/req | Redis CPU us/req, API / floor | floor peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for mode in dict.fromkeys(m for m, t, _ in rounds if t == "floor"):
        for key, label in names.items():
            if (mode, "floor", key) not in rounds:
                continue
            api, floor = rounds[(mode, "api", key)], rounds[(mode, "floor", key)]
            ratio, per_round = against(api, floor)
            a, f = median_round(api), median_round(floor)
            print(f"| {mode} | {label} | {a[1]:.0f} | {f[1]:.0f} | {ratio:.2f} | {per_round} | {a[3]:.2f} | {f[2]:.2f} / {f[3]:.2f} | "
                  f"{a[5]} | {f[5]} | {a[7]} / {f[7]} | {max(run[4] for run in floor)} |")
PY
