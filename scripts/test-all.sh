#!/usr/bin/env bash
# Runs every suite (after scripts/setup.sh test). Fails if any suite fails or reports 0 tests:
# ctest, for one, silently finds no tests when the WASM emulator is misconfigured.
set -uo pipefail
cd "$(dirname "$0")/.."
export TMPDIR="${TMPDIR:-/tmp}"
logdir=$(mktemp -d)
total_pass=0 total_fail=0 failed_suites=()

# Node 20's V8 can deadlock as a process ends: the main thread drains background tasks while a
# background TurboFan job waits for the main thread to collect garbage (gdb on a hung
# tests/node/space.test.mjs showed exactly that; it hung about 1 run in 16 and cost a CI run its
# 90 minutes). Without concurrent recompilation it hung 0 times in 150. Node's test runner and
# Playwright pass the flag on to the processes they start.
NODE_SAFE=(node --no-concurrent-recompilation)

# run_suite NAME MINUTES COUNT_REGEX FAIL_REGEX -- command...
#   MINUTES bounds a hung suite (far above its usual time), so a hang fails that suite by name
#   instead of the whole run. COUNT_REGEX's first number is the number of tests that ran (or,
#   where the regex says "passed", the number that passed: the failures are added); FAIL_REGEX's
#   first number the failures.
run_suite() {
  local name=$1 minutes=$2 count_re=$3 fail_re=$4
  shift 5
  printf '\n=== %s: %s\n' "$name" "$*"
  local log="$logdir/${name//[^a-zA-Z0-9]/_}.log"
  timeout --kill-after=30s "${minutes}m" "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  if ((rc == 124 || rc == 137)); then
    echo "!!! $name was still running after $minutes minutes and was stopped"
  fi
  local ran failed
  ran=$(grep -oP "$count_re" "$log" | tail -1 | grep -oP '\d+' | head -1)
  failed=$(grep -oP "$fail_re" "$log" | tail -1 | grep -oP '\d+' | head -1)
  ran=${ran:-0} failed=${failed:-0}
  [[ $count_re == *passed* ]] && ran=$((ran + failed))
  if [[ $rc -ne 0 || $ran -eq 0 ]]; then
    [[ $ran -eq 0 ]] && echo "!!! $name ran 0 tests" || echo "!!! $name failed (exit $rc)"
    failed_suites+=("$name")
    ((failed == 0)) && failed=1
  fi
  total_pass=$((total_pass + ran - failed))
  total_fail=$((total_fail + failed))
  printf '=== %s: %d ran, %d failed\n' "$name" "$ran" "$failed"
}

run_suite "ctest native" 10 'out of \d+' '\d+ tests failed' -- ctest --test-dir build --output-on-failure --timeout 300
run_suite "ctest native, ASan + UBSan" 15 'out of \d+' '\d+ tests failed' -- ctest --test-dir build-asan --output-on-failure --timeout 600
run_suite "fuzz (libFuzzer + ASan + UBSan)" 10 'fuzz: \d+ ran' 'fuzz: \d+ ran, \d+ passed, \K\d+ failed' -- bash scripts/fuzz.sh
run_suite "ctest wasm (simd + fallback)" 15 'out of \d+' '\d+ tests failed' -- ctest --test-dir build-wasm --output-on-failure --timeout 600
# --test-timeout bounds each file too: a file that never ends is reported by name.
run_suite "node tests" 15 '^# tests \d+' '^# fail \d+' -- "${NODE_SAFE[@]}" --test --test-timeout=300000 tests/node/
# tsc reports no count of its own: the files it checked are listed, and the consumers among them counted.
run_suite "typescript consumers" 5 'checked \d+' 'errors? \d+' -- bash -c \
  'out=$(npx tsc -p tests/types --listFiles) || { echo "$out"; exit 1; }; echo "checked $(grep -c "/tests/types/" <<<"$out") consumer files"'
run_suite "chromium" 30 '\d+ passed' '\d+ failed' -- "${NODE_SAFE[@]}" node_modules/.bin/playwright test -c tests/browser/playwright.config.mjs
run_suite "browser engines (chromium, firefox, webkit)" 25 '^\d+ passed, \d+ failed$' '^\d+ passed, \K\d+(?= failed$)' -- "${NODE_SAFE[@]}" tests/engines/run.mjs

rm -rf "$logdir"
echo
if ((${#failed_suites[@]})); then
  echo "FAILED suites: ${failed_suites[*]}"
fi
echo "total: ${total_pass} passed, ${total_fail} failed"
((${#failed_suites[@]} == 0))
