#!/usr/bin/env bash
# One full drift pass over N active Sandbox resources (default 10,000) seeded through persistence, on a fake
# clock paced by the per-region call budget; prints the calls, the simulated time and the wall time of the pass.
set -euo pipefail
cd "$(dirname "$0")/.."
export DRIFT_BENCH_RESOURCES="${DRIFT_BENCH_RESOURCES:-10000}"
timeout "${DRIFT_BENCH_TIMEOUT:-900}" dotnet test tests/IntegrationTests --nologo \
  --filter 'FullyQualifiedName~DriftAtScaleTests' --logger 'console;verbosity=detailed' 2>&1 | grep -E 'drift pass:|Passed|Failed' 
