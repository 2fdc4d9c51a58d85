#!/usr/bin/env bash
# Runs every suite (after scripts/setup.sh test). Fails if any suite fails or reports 0 tests:
# ctest, for one, silently finds no tests when the WASM emulator is misconfigured.
set -uo pipefail
cd "$(dirname "$0")/.."
export TMPDIR="${TMPDIR:-/tmp}"
logdir=$(mktemp -d)
total_pass=0 total_fail=0 failed_suites=()

# run_suite NAME COUNT_REGEX FAIL_REGEX -- command...
#   COUNT_REGEX's first number is the number of tests that ran (or, where the regex says "passed", the
#   number that passed: the failures are added); FAIL_REGEX's first number the failures.
run_suite() {
  local name=$1 count_re=$2 fail_re=$3
  shift 4
  printf '\n=== %s: %s\n' "$name" "$*"
  local log="$logdir/${name//[^a-zA-Z0-9]/_}.log"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
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

run_suite "ctest native" 'out of \d+' '\d+ tests failed' -- ctest --test-dir build --output-on-failure
run_suite "ctest native, ASan + UBSan" 'out of \d+' '\d+ tests failed' -- ctest --test-dir build-asan --output-on-failure
run_suite "fuzz (libFuzzer + ASan + UBSan)" 'fuzz: \d+ ran' 'fuzz: \d+ ran, \d+ passed, \K\d+ failed' -- bash scripts/fuzz.sh
run_suite "ctest wasm (simd + fallback)" 'out of \d+' '\d+ tests failed' -- ctest --test-dir build-wasm --output-on-failure
run_suite "node tests" '^# tests \d+' '^# fail \d+' -- node --test tests/node/
# tsc reports no count of its own: the files it checked are listed, and the consumers among them counted.
run_suite "typescript consumers" 'checked \d+' 'errors? \d+' -- bash -c \
  'out=$(npx tsc -p tests/types --listFiles) || { echo "$out"; exit 1; }; echo "checked $(grep -c "/tests/types/" <<<"$out") consumer files"'
run_suite "chromium" '\d+ passed' '\d+ failed' -- npx playwright test -c tests/browser/playwright.config.mjs
run_suite "browser engines (chromium, firefox, webkit)" '^\d+ passed, \d+ failed$' '^\d+ passed, \K\d+(?= failed$)' -- node tests/engines/run.mjs

rm -rf "$logdir"
echo
if ((${#failed_suites[@]})); then
  echo "FAILED suites: ${failed_suites[*]}"
fi
echo "total: ${total_pass} passed, ${total_fail} failed"
((${#failed_suites[@]} == 0))
