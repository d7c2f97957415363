# Helpers shared by the benchmark scripts (sourced, not run). The sourcing script defines log() with its own
# prefix and sets ADMIN_PASSWORD before calling token_of.

# The GC heap limit the API is measured with: a deployment setting the build does not carry
# (docs/decisions/0015-memory-settings.md), set here so that peak RSS stays comparable between runs.
BENCH_GC_HEAP_HARD_LIMIT=${BENCH_GC_HEAP_HARD_LIMIT:-0x10000000}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_for URL [SECONDS]: up to SECONDS (60) for it to answer 2xx.
wait_for() {
  for _ in $(seq 1 $((${2:-60} * 5))); do
    if curl -fs "$1" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  log "$1 did not answer"; exit 1
}

# require_tools TOOL...: installs the missing ones from Debian as root, else says how and stops.
require_tools() {
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      if [ "$(id -u)" -eq 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
      else
        log "$tool is missing: apt-get install -y $tool"; exit 1
      fi
    fi
  done
}

# User plus system CPU time of a process so far, in clock ticks. The fields are counted after the command name,
# which is in parentheses and may itself hold spaces (".NET TP Worker").
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

# gc_totals MANAGEMENT_URL: the bytes the process has allocated on the GC heap and the seconds the GC has paused it, so
# far, from its /metrics (the runtime's own counters): "BYTES SECONDS". Bytes per request do not move with the machine's
# speed as CPU time does, so a change that allocates less shows in every round.
gc_totals() {
  curl -fs "$1/metrics" | awk '/^dotnet_gc_heap_total_allocated_bytes_total/ {bytes = $NF} /^dotnet_gc_pause_time_seconds_total/ {paused = $NF}
    END {printf "%s %s\n", bytes, paused}'
}

peak_rss_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# token_of BASE_URL: an access token for the bootstrap admin.
token_of() {
  curl -fs -X POST "$1/token" -d grant_type=password -d username=admin --data-urlencode "password=$ADMIN_PASSWORD" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
