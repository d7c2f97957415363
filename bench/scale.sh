#!/usr/bin/env bash
# The scale bench: how the cost of each request and each background pass grows with the fleet. For a small and a
# large fleet (10,000 and 1,000,000 resources by default) in one run it seeds a data directory in bulk through the
# service's own model (bench/Orchestrator.Bench.Scale: users through its context, resources, tags, policy grants,
# a hash-chained audit log and a provisioning backlog through prepared statements), reports the database file's size,
# then starts the API on it and measures with wrk: GET by id, pages of 50 (admin, operator with grants, by tag, by
# type and status, by status for both, by type, a deep page, a cursor page when the API has cursors), the audit log by
# resource, by user and by time range, and creation; then, with the background workers on, the provisioning worker's
# jobs per second on the backlog, one expiry scan, and the drift worker's checks per minute at the default call budget
# and unbounded. Prints a table, small against large, and writes it to $OUT (default: $WORK/scale-results.md).
#
#   SCALE_RESOURCES (1000000), SCALE_USERS (1000), SCALE_POLICIES (10000), SCALE_AUDIT_EVENTS (10000000),
#   SCALE_EXPIRING (1000), SCALE_BACKLOG (10000) for the large fleet; SMALL_RESOURCES (10000) for the small one, whose
#   other counts are the large ones scaled by the same factor (at least 10 users), its backlog the same;
#   SIZES ("small large"), CONNECTIONS (32), THREADS (2), DURATION (10s), WARMUP (30s: each scenario's code is still
#   being recompiled by the tiered JIT for 20 to 30 s, bench/RESULTS.md "Warm-up"), DRIFT_WINDOW (60),
#   WORKER_TIMEOUT (300: the longest wait for the worker's backlog), VERIFY_TIMEOUT (900), VERIFY_SIZES (the sizes whose
#   whole audit chain is verified: "small large"), KEEP (1: keep the data
#   directories), WORK (a directory with room for the database files), PHASE (seed: seed, keep a copy and stop),
#   REUSE (1: measure on the copies a run with KEEP=1 or PHASE=seed left in WORK, without seeding again)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-30s}
DRIFT_WINDOW=${DRIFT_WINDOW:-60}
WORKER_TIMEOUT=${WORKER_TIMEOUT:-300}
VERIFY_TIMEOUT=${VERIFY_TIMEOUT:-900}
VERIFY_SIZES=${VERIFY_SIZES:-small large}
SIZES=${SIZES:-small large}
LARGE_RESOURCES=${SCALE_RESOURCES:-1000000}
LARGE_USERS=${SCALE_USERS:-1000}
LARGE_POLICIES=${SCALE_POLICIES:-10000}
LARGE_AUDIT=${SCALE_AUDIT_EVENTS:-10000000}
LARGE_EXPIRING=${SCALE_EXPIRING:-1000}
BACKLOG=${SCALE_BACKLOG:-10000}
SMALL_RESOURCES=${SMALL_RESOURCES:-10000}
WORK=${WORK:-$(mktemp -d /tmp/orchestrator-scale.XXXXXX)}
OUT=${OUT:-$WORK/scale-results.md}
ADMIN_PASSWORD="bench-Jx4qT9vLp2Wz8k"
OPERATOR_PASSWORD="scale-Operator-Pw7xQ2mZk9"
STARTED_PIDS=()
export ADMIN_PASSWORD

log() { printf '[scale] %s\n' "$*" >&2; }
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

cleanup() {
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ "${KEEP:-0}" != 1 ] && [ "${PHASE:-}" != seed ] && [ "${REUSE:-0}" != 1 ]; then rm -rf "$WORK"/small "$WORK"/large; fi
}
trap cleanup EXIT

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

require_tools wrk
mkdir -p "$WORK"

log "building Release"
dotnet build src/WebApi --configuration Release -v q -nologo >/dev/null
dotnet build bench/Orchestrator.Bench.Scale --configuration Release -v q -nologo >/dev/null
API_DLL="$ROOT/src/WebApi/bin/Release/net10.0/Orchestrator.WebApi.dll"
SEED_DLL="$ROOT/bench/Orchestrator.Bench.Scale/bin/Release/net10.0/Orchestrator.Bench.Scale.dll"

# start_api DATA_DIR LOG [NAME=VALUE...] -> sets API_PID and API_URL. Both ports are free ones (the management port
# too: another instance on the machine may hold the default). Limits so high that the limiter runs but refuses none.
start_api() {
  local data=$1 logfile=$2 port management; shift 2
  port=$(free_port); management=$(free_port)
  (cd "$ROOT/src/WebApi" && \
    env Urls="http://127.0.0.1:$port" Management__Urls="http://127.0.0.1:$management" DataDirectory="$data" \
    Bootstrap__AdminPassword="$ADMIN_PASSWORD" Security__RequireMfaForAdmins=false \
    RateLimiting__PermitsPerMinute=1000000000 Lockout__AttemptsPerUsernamePerMinute=1000000000 \
    Quotas__S3Buckets=100000000 ASPNETCORE_ENVIRONMENT=Production DOTNET_GCHeapHardLimit="$BENCH_GC_HEAP_HARD_LIMIT" \
    "$@" dotnet "$API_DLL") >>"$logfile" 2>&1 &
  API_PID=$!
  STARTED_PIDS+=("$API_PID")
  API_URL="http://127.0.0.1:$port"
  # The first start on a fleet seeded by an earlier build migrates it: an index or a backfill over 1,000,000 rows.
  wait_for "$API_URL/health/ready" 600
}

# sql DB QUERY: one value, read while the API may be running (WAL readers do not block its writer).
sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1], timeout=60); print(c.execute(sys.argv[2]).fetchone()[0])' "$1" "$2"; }

password_token() {
  curl -fs -X POST "$1/token" -d grant_type=password --data-urlencode "username=$2" --data-urlencode "password=$3" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

RESULTS="$WORK/scale.tsv"
: >"$RESULTS"
# record SIZE NAME VALUE... : one result line
record() { printf '%s\t' "$@" | sed 's/\t$//' >>"$RESULTS"; echo >>"$RESULTS"; }

# measure SIZE NAME TOKEN SCRIPT PATH: a warm-up, then one measured wrk run; requests/s, p50, p99, CPU per request.
measure() {
  local size=$1 name=$2 script=$4 path=$5 out ticks_before ticks_after
  out="$WORK/$size-$name.wrk"
  TOKEN=$3 RUN_ID="${size:0:1}0" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 30s -s "$ROOT/bench/wrk/$script" "$API_URL$path" >/dev/null
  ticks_before=$(cpu_ticks "$API_PID")
  TOKEN=$3 RUN_ID="${size:0:1}1" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s --latency -s "$ROOT/bench/wrk/$script" "$API_URL$path" >"$out"
  ticks_after=$(cpu_ticks "$API_PID")
  python3 - "$out" "$((ticks_after - ticks_before))" "$(getconf CLK_TCK)" >"$WORK/$size-$name.line" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
requests = max(int(re.search(r"(\d+) requests in", text).group(1)), 1)
failed = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
cpu_us = int(sys.argv[2]) / int(sys.argv[3]) * 1e6 / requests
print("\t".join([f"{rps:.0f}", f"{ms('50%'):.2f}", f"{ms('99%'):.2f}", f"{cpu_us:.0f}", failed.group(1) if failed else "0"]))
PY
  # shellcheck disable=SC2046
  record "$size" "$name" $(cat "$WORK/$size-$name.line")
  log "$size $name: $(cat "$WORK/$size-$name.line")"
}

# seed SIZE RESOURCES USERS POLICIES AUDIT EXPIRING: a data directory the API started on once, then the bulk seed of
# the fleet (the backlog comes just before the worker runs, so that the lists read the fleet alone); a copy of the
# seeded directory is kept in $WORK/SIZE/seeded for REUSE=1 (measuring changes the data).
seed() {
  local size=$1 data="$WORK/$1/data" started
  if [ "${REUSE:-0}" = 1 ] && [ -f "$WORK/$size/seeded/seed.tsv" ]; then
    log "$size: reusing the fleet seeded before ($WORK/$size/seeded)"
    rm -rf "$data"; cp -a "$WORK/$size/seeded/data" "$data"
    cat "$WORK/$size/seeded/seed.tsv" >>"$RESULTS"
    flush_writes "$size"
    return
  fi
  rm -rf "$WORK/$size"; mkdir -p "$WORK/$size"
  log "$size: migrating an empty data directory"
  start_api "$data" "$WORK/$size/api.log" Provisioning__Enabled=false
  stop "$API_PID"
  log "$size: seeding $2 resources, $3 users, $4 policies, $5 audit events"
  started=$(date +%s.%N)
  SCALE_RESOURCES=$2 SCALE_USERS=$3 SCALE_POLICIES=$4 SCALE_AUDIT_EVENTS=$5 SCALE_EXPIRING=$6 \
    SCALE_USER_PASSWORD="$OPERATOR_PASSWORD" dotnet "$SEED_DLL" "$data" 2>&1 | sed "s/^/[scale] $size /" >&2
  {
    record "$size" seed-seconds "$(python3 -c "import time; print(f'{time.time() - $started:.0f}')")"
    record "$size" file-mb "$(python3 -c "import os; print(f'{os.path.getsize(\"$data/orchestrator.db\") / 1048576:.0f}')")"
    record "$size" counts "$2" "$3" "$4" "$5" "$6" "$BACKLOG"
  }
  mkdir -p "$WORK/$size/seeded"
  cp -a "$data" "$WORK/$size/seeded/data"
  grep -P "^$size\t(seed-seconds|file-mb|counts)\t" "$RESULTS" >"$WORK/$size/seeded/seed.tsv"
  flush_writes "$size"
}

# flush_writes SIZE: the copies just made (gigabytes for the large fleet) written out before anything is measured, so
# that the kernel's writeback does not share the cores with the requests.
flush_writes() {
  local started
  started=$(date +%s)
  sync
  log "$1: pending writes flushed in $(($(date +%s) - started)) s"
}

# requests SIZE RESOURCES: every request scenario against an API with the background workers off.
requests() {
  local size=$1 data="$WORK/$1/data" db resource_id user_id deep cursor from to verdict started
  db="$data/orchestrator.db"
  start_api "$data" "$WORK/$size/api.log" Provisioning__Enabled=false
  local admin operator
  admin=$(password_token "$API_URL" admin "$ADMIN_PASSWORD")
  operator=$(password_token "$API_URL" scale0000 "$OPERATOR_PASSWORD")
  # A resource in the middle of the log (with its events) and the operator's user id.
  resource_id=$(sql "$db" "SELECT ResourceId FROM AuditEvents WHERE ChainSequence = (SELECT LastSequence / 2 FROM AuditChainHead)")
  user_id=$(sql "$db" "SELECT Id FROM Users WHERE Username = 'scale0000'")
  deep=$(($2 / 50 / 2))
  from=$(python3 -c 'import datetime as d; print((d.datetime.now(d.timezone.utc) - d.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ"))')
  to=$(python3 -c 'import datetime as d; print((d.datetime.now(d.timezone.utc) - d.timedelta(days=29)).strftime("%Y-%m-%dT%H:%M:%SZ"))')
  # The machine's one-minute load average before and after: other work on a shared machine moves every figure.
  record "$size" load-before "$(cut -d' ' -f1 /proc/loadavg)"
  measure "$size" get-by-id "$admin" get.lua "/api/v1/resources/$resource_id"
  measure "$size" list-admin "$admin" get.lua "/api/v1/resources?page=3&pageSize=50"
  measure "$size" list-operator "$operator" get.lua "/api/v1/resources?page=1&pageSize=50"
  measure "$size" list-tag "$admin" get.lua "/api/v1/resources?tag=team:team08&pageSize=50"
  measure "$size" list-type-status "$admin" get.lua "/api/v1/resources?type=rds&status=active&pageSize=50"
  measure "$size" list-status "$admin" get.lua "/api/v1/resources?status=active&pageSize=50"
  measure "$size" list-type "$admin" get.lua "/api/v1/resources?type=ec2&pageSize=50"
  measure "$size" list-operator-status "$operator" get.lua "/api/v1/resources?status=active&pageSize=50"
  measure "$size" list-deep "$admin" get.lua "/api/v1/resources?page=$deep&pageSize=50"
  # Cursor pages: the second page of the list, unfiltered and with each filter (a cursor is bound to its filters).
  local name filter
  for name in list-cursor list-type-status-cursor list-tag-cursor; do
    case $name in
      list-cursor) filter="" ;;
      list-type-status-cursor) filter="&type=rds&status=active" ;;
      list-tag-cursor) filter="&tag=team:team08" ;;
    esac
    cursor=$(curl -fs --max-time 60 "$API_URL/api/v1/resources?pageSize=50$filter" -H "Authorization: Bearer $admin" |
      python3 -c 'import json,sys; print(json.load(sys.stdin).get("nextCursor") or "")' || true)
    if [ -n "$cursor" ]; then
      measure "$size" "$name" "$admin" get.lua "/api/v1/resources?pageSize=50$filter&cursor=$cursor"
    else
      record "$size" "$name-skipped"
      log "$size: the API answers no nextCursor for $name: skipped"
    fi
  done
  measure "$size" audit-resource "$admin" get.lua "/api/v1/audit?resourceId=$resource_id"
  measure "$size" audit-user "$admin" get.lua "/api/v1/audit?userId=$user_id"
  measure "$size" audit-range "$admin" get.lua "/api/v1/audit?from=$from&to=$to"
  measure "$size" create "$admin" create.lua "/api/v1/resources"
  record "$size" load-after "$(cut -d' ' -f1 /proc/loadavg)"
  # The seeded audit log must be a valid hash chain: the service's own verification over every event.
  if [[ " $VERIFY_SIZES " != *" $size "* ]]; then
    record "$size" audit-verify skipped - -
    stop "$API_PID"
    return
  fi
  started=$(date +%s.%N)
  verdict=$(curl -fs --max-time "$VERIFY_TIMEOUT" "$API_URL/api/v1/audit/verify" -H "Authorization: Bearer $admin" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["valid"], d["checked"])' || echo "unanswered -")
  # shellcheck disable=SC2086
  record "$size" audit-verify $verdict "$(python3 -c "import time; print(f'{time.time() - $started:.0f}')")"
  log "$size: audit chain verification: $verdict"
  stop "$API_PID"
}

# background SIZE: the worker on the seeded backlog (and the creations just measured), one expiry scan, a drift pass.
background() {
  local size=$1 data="$WORK/$1/data" db started left jobs expected done_count elapsed before after expiry_elapsed worker_elapsed finished
  db="$data/orchestrator.db"

  log "$size: adding a backlog of $BACKLOG pending creations"
  SCALE_BACKLOG=$BACKLOG dotnet "$SEED_DLL" "$data" backlog 2>&1 | sed "s/^/[scale] $size /" >&2

  # The expiry scan runs when the API starts, beside the worker: both are timed from the start, each to its end.
  jobs=$(sql "$db" "SELECT count(*) FROM ProvisioningJobs WHERE CompletedAt IS NULL")
  expected=$(sql "$db" "SELECT count(*) FROM Resources WHERE ExpiresAt IS NOT NULL AND Status = 'Active'")
  log "$size: provisioning worker on $jobs pending jobs, expiry scan over $expected expired resources"
  start_api "$data" "$WORK/$size/api.log" Provisioning__Enabled=true
  started=$(date +%s.%N)
  left=$jobs; done_count=0; expiry_elapsed=""
  while [ "$left" -gt 0 ] || [ -z "$expiry_elapsed" ]; do
    if python3 -c "import sys,time; sys.exit(0 if time.time() - $started > $WORKER_TIMEOUT else 1)"; then break; fi
    sleep 1
    elapsed=$(python3 -c "import time; print(f'{time.time() - $started:.1f}')")
    if [ -z "$expiry_elapsed" ]; then
      done_count=$(sql "$db" "SELECT count(*) FROM AuditEvents WHERE Action IN ('resource.expired', 'resource.expiry-blocked')")
      if [ "$done_count" -ge "$expected" ]; then expiry_elapsed=$elapsed; fi
    fi
    if [ "$left" -gt 0 ]; then
      left=$(sql "$db" "SELECT count(*) FROM ProvisioningJobs WHERE CompletedAt IS NULL")
      worker_elapsed=$elapsed
    fi
  done
  # The expired resources' deletions join the backlog: the worker's count is every job it finished.
  finished=$(sql "$db" "SELECT count(*) FROM ProvisioningJobs WHERE CompletedAt IS NOT NULL")
  record "$size" worker "$jobs" "$finished" "$worker_elapsed" "$left"
  record "$size" expiry "$expected" "$done_count" "${expiry_elapsed:-timeout}"
  log "$size: worker finished $finished jobs ($jobs pending at the start, $left left) in $worker_elapsed s; expiry scan handled $done_count of $expected in ${expiry_elapsed:-(timeout)} s"
  stop "$API_PID"

  # Every active resource due now: a drift pass from its start, at the default budget and then unbounded.
  python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1], timeout=60); c.execute("UPDATE Resources SET DriftCheckDueAt = NULL WHERE Status = '"'"'Active'"'"'"); c.commit()' "$db"
  local active
  active=$(sql "$db" "SELECT count(*) FROM Resources WHERE Status = 'Active'")
  for budget in 600 100000; do
    start_api "$data" "$WORK/$size/api.log" Provisioning__Enabled=true Lifecycle__ScanInterval=1.00:00:00 Drift__MaxCallsPerMinutePerRegion=$budget
    before=$(sql "$db" "SELECT count(*) FROM AuditEvents WHERE Action = 'resource.drifted'")
    sleep "$DRIFT_WINDOW"
    after=$(sql "$db" "SELECT count(*) FROM AuditEvents WHERE Action = 'resource.drifted'")
    record "$size" "drift-$budget" "$active" "$((after - before))" "$DRIFT_WINDOW"
    log "$size: drift at $budget calls/min/region: $((after - before)) checks in $DRIFT_WINDOW s ($active active)"
    stop "$API_PID"
  done
}

for size in $SIZES; do
  if [ "$size" = large ]; then
    seed large "$LARGE_RESOURCES" "$LARGE_USERS" "$LARGE_POLICIES" "$LARGE_AUDIT" "$LARGE_EXPIRING"
  else
    factor_users=$((LARGE_USERS * SMALL_RESOURCES / LARGE_RESOURCES)); [ "$factor_users" -lt 10 ] && factor_users=10
    seed small "$SMALL_RESOURCES" "$factor_users" "$((LARGE_POLICIES * SMALL_RESOURCES / LARGE_RESOURCES))" \
      "$((LARGE_AUDIT * SMALL_RESOURCES / LARGE_RESOURCES))" "$((LARGE_EXPIRING * SMALL_RESOURCES / LARGE_RESOURCES))"
  fi
  if [ "${PHASE:-}" = seed ]; then continue; fi
  if [ "$size" = large ]; then requests large "$LARGE_RESOURCES"; else requests small "$SMALL_RESOURCES"; fi
  background "$size"
  log "$size: database file $(du -h "$WORK/$size/data/orchestrator.db" | cut -f1)"
done

if [ "${PHASE:-}" = seed ]; then log "seeded copies kept under $WORK: measure them with REUSE=1 WORK=$WORK"; exit 0; fi
python3 "$ROOT/bench/scale-table.py" "$RESULTS" "$(git rev-parse --short HEAD)" "$CONNECTIONS" "$DURATION" | tee "$OUT"
log "table written to $OUT"
