#!/usr/bin/env bash
# Runs every test of the solution and ends with one plain line: "N passed, N failed".
#
# It installs what the tests need when it is missing (as root: apt-get install redis-server chromium prometheus;
# the browser tests drive Debian's Chromium, never a downloaded one), starts a throwaway Redis and a
# throwaway moto_server (AWS emulator) on free loopback ports for the run, and stops whatever it started.
# Exit code: 0 only when the build succeeded and no test failed.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(pwd)
RESULTS="$ROOT/artifacts/test-results"
WORK=$(mktemp -d /tmp/orchestrator-test.XXXXXX)
STARTED_PIDS=()

log() { printf '[test.sh] %s\n' "$*"; }

cleanup() {
  for pid in "${STARTED_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  # Give them a moment to exit before their files go (they may still be writing logs).
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 1 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  done
  rm -rf "$WORK" 2>/dev/null || true
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

install_missing() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    log "missing: ${missing[*]}; install them (apt-get install -y ${missing[*]}) or run as root"
    exit 1
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null || {
    log "apt-get install ${missing[*]} failed"
    exit 1
  }
}

start_redis() {
  local port
  port=$(free_port)
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
    --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log" >/dev/null
  for _ in $(seq 1 50); do
    if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then
      STARTED_PIDS+=("$(cat "$WORK/redis.pid")")
      export ORCHESTRATOR_TEST_REDIS="127.0.0.1:$port,abortConnect=false,connectTimeout=5000,syncTimeout=5000,asyncTimeout=5000"
      log "redis on 127.0.0.1:$port"
      return 0
    fi
    sleep 0.1
  done
  log "redis did not start; see $WORK/redis.log"
  exit 1
}

start_moto() {
  if ! command -v moto_server >/dev/null 2>&1; then
    log "moto_server is missing: install it with: pip install 'moto[server]'"
    echo "0 passed, 1 failed"
    exit 1
  fi
  local port
  port=$(free_port)
  moto_server -H 127.0.0.1 -p "$port" >"$WORK/moto.log" 2>&1 &
  STARTED_PIDS+=("$!")
  for _ in $(seq 1 100); do
    if python3 -c 'import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1], method="POST"), timeout=1)' \
      "http://127.0.0.1:$port/moto-api/reset" 2>/dev/null; then
      export ORCHESTRATOR_TEST_MOTO_URL="http://127.0.0.1:$port"
      log "moto_server on 127.0.0.1:$port"
      return 0
    fi
    sleep 0.1
  done
  log "moto_server did not start; see $WORK/moto.log"
  cat "$WORK/moto.log" >&2
  exit 1
}

# A second moto_server in its strictest mode for the least-privilege tests: after the first
# STRICT_BOOTSTRAP_CALLS requests every call must be SigV4-signed with a key from moto's own IAM and is
# checked against that user's policies; images and instance types must exist in the region; another
# account's bucket answers AccessDenied. The bootstrap calls make one administrator in the default account
# and one in a second account (the "someone else took the bucket name" case); the tests make the rest.
STRICT_BOOTSTRAP_CALLS=6
start_strict_moto() {
  local port
  port=$(free_port)
  INITIAL_NO_AUTH_ACTION_COUNT=$STRICT_BOOTSTRAP_CALLS MOTO_ENABLE_AMI_VALIDATION=true \
    MOTO_EC2_ENABLE_INSTANCE_TYPE_VALIDATION=true MOTO_ENABLE_KEYPAIR_VALIDATION=true \
    MOTO_S3_ALLOW_CROSSACCOUNT_ACCESS=false \
    moto_server -H 127.0.0.1 -p "$port" >"$WORK/moto-strict.log" 2>&1 &
  STARTED_PIDS+=("$!")
  for _ in $(seq 1 100); do
    if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
      "http://127.0.0.1:$port/moto-api/" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  local keys
  keys=$(python3 - "http://127.0.0.1:$port" <<'PY'
import json, sys
import boto3

url = sys.argv[1]
admin = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})

def administrator(account):
    iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1", aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
    if account:
        iam.meta.events.register("before-sign.iam.*", lambda request, **_: request.headers.__setitem__("x-moto-account-id", account))
    iam.create_user(UserName="test-administrator")
    iam.put_user_policy(UserName="test-administrator", PolicyName="administrator", PolicyDocument=admin)
    key = iam.create_access_key(UserName="test-administrator")["AccessKey"]
    return key["AccessKeyId"] + ":" + key["SecretAccessKey"]

print(administrator(None) + " " + administrator("111111111111"))
PY
) || { log "strict moto_server bootstrap failed; see $WORK/moto-strict.log"; exit 1; }
  export ORCHESTRATOR_TEST_MOTO_STRICT_URL="http://127.0.0.1:$port"
  export ORCHESTRATOR_TEST_MOTO_STRICT_ADMIN="${keys%% *}"
  export ORCHESTRATOR_TEST_MOTO_STRICT_FOREIGN_ADMIN="${keys##* }"
  log "strict moto_server on 127.0.0.1:$port"
}

# Spectral (OpenAPI lint) at the versions pinned in tools/spectral/package-lock.json, for OpenApiLintTests.
install_spectral() {
  local spectral="$ROOT/tools/spectral/node_modules/.bin/spectral"
  if [ ! -x "$spectral" ]; then
    log "installing spectral (npm ci in tools/spectral)"
    (cd "$ROOT/tools/spectral" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) || {
      log "npm ci in tools/spectral failed"
      exit 1
    }
  fi
  export ORCHESTRATOR_SPECTRAL="$spectral"
}

# The alert rules in deploy/prometheus: `promtool check rules` on each rules file and `promtool test rules` on each
# *.test.yml next to them; one result per command, counted into the final line.
PROMTOOL_PASSED=0
PROMTOOL_FAILED=0
run_promtool() {
  local rules_dir="$ROOT/deploy/prometheus" file output
  for file in "$rules_dir"/*.yml; do
    case "$file" in
      *.test.yml) continue ;;
    esac
    if output=$(promtool check rules "$file" 2>&1); then
      PROMTOOL_PASSED=$((PROMTOOL_PASSED + 1))
    else
      PROMTOOL_FAILED=$((PROMTOOL_FAILED + 1))
      printf '%s\n' "$output" | sed 's/^/[promtool] /'
    fi
  done
  for file in "$rules_dir"/*.test.yml; do
    if output=$(cd "$rules_dir" && promtool test rules "$(basename "$file")" 2>&1); then
      PROMTOOL_PASSED=$((PROMTOOL_PASSED + 1))
    else
      PROMTOOL_FAILED=$((PROMTOOL_FAILED + 1))
      printf '%s\n' "$output" | sed 's/^/[promtool] /'
    fi
  done
  log "[promtool] check rules and test rules: $PROMTOOL_PASSED passed, $PROMTOOL_FAILED failed"
}

install_missing
install_spectral
run_promtool
start_redis
start_moto
start_strict_moto

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
rm -rf "$RESULTS"
dotnet tool restore >/dev/null || { log "dotnet tool restore failed"; echo "0 passed, 1 failed"; exit 1; }

log "building and running tests"
# TEST_FILTER (a dotnet test --filter expression) runs a subset, e.g. TEST_FILTER=FullyQualifiedName~Edge ./test.sh
# Echoed from the log: failed tests ("  Failed Some.Test.Name [12 ms]"), build errors ("file(1,2): error CS0103: ...")
# and each test project's outcome ("Test Run Successful."). The tests' own log lines (an expected "Failed
# executing DbCommand", say) are not.
FAILED_TEST='^  Failed [^ ].* \[[<0-9., hms]+\]\s*$'
BUILD_ERROR=': error( [A-Z]+[0-9]+)? ?: '
dotnet test Orchestrator.sln --configuration Release --results-directory "$RESULTS" \
  ${TEST_FILTER:+--filter "$TEST_FILTER"} --logger "trx" --logger "console;verbosity=normal" 2>&1 | tee "$WORK/test.log" \
  | grep -E --line-buffered "$FAILED_TEST|$BUILD_ERROR|^Test Run (Successful|Failed)\.|^(Passed|Failed)!" || true
status=${PIPESTATUS[0]}

passed=0
failed=0
skipped=0
shopt -s nullglob
trx_files=("$RESULTS"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done

# The reliability tests' summary lines (requests sent, statuses seen, failures), the OpenAPI lint's and the retention table sizes, from the tests' output in the results.
if [ ${#trx_files[@]} -gt 0 ]; then
  grep -hoE '\[(reliability|spectral|fuzz|retention)\] [^&<]*' "${trx_files[@]}" | sort -u | sed 's/^/[test.sh] /' || true
fi

# Each failed test's message and the top of its stack, so a failure in CI can be read from its log alone.
if [ ${#trx_files[@]} -gt 0 ] && grep -q 'outcome="Failed"' "${trx_files[@]}"; then
  python3 - "${trx_files[@]}" <<'PY' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
        message = result.findtext(".//t:ErrorInfo/t:Message", "", ns).strip().splitlines()
        stack = result.findtext(".//t:ErrorInfo/t:StackTrace", "", ns).strip().splitlines()
        print(f"[test.sh] failed: {result.get('testName')}")
        for line in message[:40] + stack[:8]:
            print(f"[test.sh]   {line}")
PY
fi

if [ ${#trx_files[@]} -lt 2 ]; then
  log "expected results from both test projects, found ${#trx_files[@]} (build failure?)"
  grep -E "$BUILD_ERROR" "$WORK/test.log" | sort -u | head -n 20
  failed=$((failed + 1))
fi
passed=$((passed + PROMTOOL_PASSED))
failed=$((failed + PROMTOOL_FAILED))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  log "dotnet test exited with $status"
  failed=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
