#!/usr/bin/env bash
# ./build.sh test   — install what the tests need (Debian's chromium, the OpenAPI linter), build, run every test project,
#                     and end with one line "N passed, N failed" summed over all of them.
# ./build.sh run    — run the product on SQLite with demo data.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The browser tests drive Debian's Chromium. Its headless shell (the same engine without the full browser's windowing
# and compositing) takes about half the CPU time, so the script installs that; a full chromium on PATH works too.
ensure_chromium() {
  if command -v chromium-headless-shell >/dev/null 2>&1; then return 0; fi
  echo "Installing Debian's chromium-headless-shell for the browser tests..."
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium-headless-shell >/dev/null; then return 0; fi
  if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    echo "Could not install chromium-headless-shell; the tests use the chromium on PATH"; return 0
  fi
  echo "Could not install chromium"; exit 1
}

# The OpenAPI linter the tests run on the app's document (@redocly/cli, pinned in tools/openapi/package-lock.json).
ensure_openapi_tools() {
  if [ -x tools/openapi/node_modules/.bin/redocly ]; then return 0; fi
  echo "Installing the OpenAPI linter (npm ci in tools/openapi)..."
  (cd tools/openapi && npm ci --no-audit --no-fund --loglevel=error) || { echo "Could not install tools/openapi"; exit 1; }
}

run_tests() {
  ensure_chromium
  ensure_openapi_tools
  dotnet build PromoAdmin.sln -c Release -warnaserror || { echo "0 passed, 1 failed"; exit 1; }
  local log; log=$(mktemp)
  local status=0
  # One test assembly at a time: on a 2-core machine the browser tests' Chromium and app starved while the integration
  # tests ran beside them (a sign-in page load once passed Playwright's 30 s timeout). Serial adds about a minute.
  dotnet test --solution PromoAdmin.sln -c Release --no-build --max-parallel-test-modules 1 "$@" 2>&1 | tee "$log" || status=$?
  # Microsoft.Testing.Platform prints one summary per test assembly; sum them for CI.
  local passed failed skipped
  passed=$(grep -E '^\s+succeeded: [0-9]+\s*$' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  failed=$(grep -E '^\s+failed: [0-9]+\s*$' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  skipped=$(grep -E '^\s+skipped: [0-9]+\s*$' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  rm -f "$log"
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  if [ "$passed" -eq 0 ]; then echo "No test ran"; failed=$((failed + 1)); fi
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ]
}

case "${1:-test}" in
  test) shift || true; run_tests "$@" ;;
  run) dotnet run --project src/PromoAdmin.Web ;;
  *) echo "usage: ./build.sh [test|run]"; exit 2 ;;
esac
