#!/usr/bin/env bash
# Throughput of an authenticated GET (TARGET, default /api/v1/me) with the per-IP limit on Redis,
# against the same API with the limit switched off, one after the other on loopback. Prints
# requests/s of both and their ratio.
#
# The "on" run keeps every request inside the limit (a very high RateLimiting:PermitsPerMinute) so that
# each one still costs its Redis round trip but none is refused. Needs: dotnet, redis-server, wrk, curl,
# python3 (as root it installs wrk). Not part of ./test.sh.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-3}
TARGET=${TARGET:-/api/v1/me}
WORK=$(mktemp -d /tmp/orchestrator-bench.XXXXXX)
STARTED_PIDS=()
ADMIN_PASSWORD="bench-Jx4qT9vLp2Wz8k"

log() { printf '[bench] %s\n' "$*" >&2; }
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

cleanup() {
  for pid in "${STARTED_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

require_tools wrk

log "building Release"
dotnet build src/WebApi --configuration Release -v q -nologo >/dev/null
DLL="$ROOT/src/WebApi/bin/Release/net10.0/Orchestrator.WebApi.dll"

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis.log" 2>&1 &
STARTED_PIDS+=($!)

# run_api NAME ENABLED -> requests/s of wrk against GET /api/v1/me
run_api() {
  local name=$1 enabled=$2 port pid token rps
  port=$(free_port)
  mkdir -p "$WORK/$name"
  # The benchmark measures the API as the seeded admin uses it, signed in with a password only: admin MFA is off.
  (cd "$ROOT/src/WebApi" && \
    Urls="http://127.0.0.1:$port" DataDirectory="$WORK/$name" Bootstrap__AdminPassword="$ADMIN_PASSWORD" \
    Security__RequireMfaForAdmins=false \
    Redis__ConnectionString="127.0.0.1:$REDIS_PORT,abortConnect=false" Redis__KeyPrefix="bench-$name:" \
    RateLimiting__Enabled="$enabled" RateLimiting__PermitsPerMinute=1000000000 \
    Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production DOTNET_GCHeapHardLimit="$BENCH_GC_HEAP_HARD_LIMIT" \
    exec dotnet "$DLL") >"$WORK/$name.log" 2>&1 &
  pid=$!
  STARTED_PIDS+=("$pid")
  wait_for "http://127.0.0.1:$port/health/ready"
  token=$(token_of "http://127.0.0.1:$port")
  # Warm-up, then the measured run.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -H "Authorization: Bearer $token" "http://127.0.0.1:$port$TARGET" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -H "Authorization: Bearer $token" "http://127.0.0.1:$port$TARGET" >"$WORK/$name.wrk"
  if grep -q "Non-2xx" "$WORK/$name.wrk"; then
    log "$name: some responses were not 2xx:"
    cat "$WORK/$name.wrk" >&2
    exit 1
  fi
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.wrk")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "$rps"
}

# Alternating rounds, best of each: on a shared machine the best run is the one least disturbed.
on_runs=()
off_runs=()
# Which goes first alternates too, so that neither always runs on a warmer (or busier) machine.
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then
    log "round $round/$ROUNDS: limit on (Redis), then off"
    on_runs+=("$(run_api "on$round" true)")
    off_runs+=("$(run_api "off$round" false)")
  else
    log "round $round/$ROUNDS: limit off, then on (Redis)"
    off_runs+=("$(run_api "off$round" false)")
    on_runs+=("$(run_api "on$round" true)")
  fi
done

python3 - "$TARGET" "$CONNECTIONS" "$DURATION" "${on_runs[*]}" "${off_runs[*]}" <<'PY'
import sys
target, connections, duration = sys.argv[1:4]
on, off = [float(x) for x in sys.argv[4].split()], [float(x) for x in sys.argv[5].split()]
print(f"GET {target} with a bearer token, {connections} connections, {duration} per run, loopback, best of {len(on)} alternating runs")
print(f"limit on (Redis): {max(on):8.0f} requests/s   (runs: {', '.join(f'{x:.0f}' for x in on)})")
print(f"limit off:        {max(off):8.0f} requests/s   (runs: {', '.join(f'{x:.0f}' for x in off)})")
print(f"ratio on/off: {max(on) / max(off):.2f}")
PY
