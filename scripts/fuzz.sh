#!/usr/bin/env bash
# Runs each libFuzzer target of build-fuzz (scripts/setup.sh test builds them) for a bounded time:
# first it replays the committed corpus (tests/fuzz/corpus/<target>/, which also keeps every input
# that once failed), then it mutates for FUZZ_SECONDS (default 60) per target, at low priority.
# New interesting inputs go to a temporary folder, not into the repository. A failure leaves the
# input in $FUZZ_ARTIFACTS (default build-fuzz/artifacts/<target>/): copy it into the corpus folder
# once fixed, so every later run replays it. Ends with "fuzz: N ran, P passed, F failed".
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
targets=(activations training)
passed=0 failed=0
for t in "${targets[@]}"; do
  bin="build-fuzz/ap_fuzz_$t"
  seeds="tests/fuzz/corpus/$t"
  artifacts="${FUZZ_ARTIFACTS:-build-fuzz/artifacts}/$t/"
  mkdir -p "$artifacts"
  work=$(mktemp -d)
  log="$work/log"
  if [[ ! -x "$bin" ]]; then
    echo "fuzz $t: $bin is missing (run scripts/setup.sh test)"
    failed=$((failed + 1))
    continue
  fi
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb keeps a runaway allocation a finding.
  nice -n 10 "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts" "$work" "$seeds" >"$log" 2>&1
  rc=$?
  execs=$(grep -oP 'stat::number_of_executed_units:\s*\K\d+' "$log" | tail -1)
  corpus=$(grep -oP '^#\d+\s+(DONE|INITED|NEW|REDUCE|pulse).*corp: \K\d+' "$log" | tail -1)
  seeds_n=$(find "$seeds" -type f | wc -l)
  if [[ $rc -eq 0 ]]; then
    echo "fuzz $t: ok, ${execs:-?} executions in ${seconds} s, corpus ${corpus:-?} inputs (${seeds_n} committed seeds replayed)"
    passed=$((passed + 1))
  else
    echo "fuzz $t: FAILED (exit $rc) after ${execs:-?} executions; the failing input is in $artifacts"
    grep -v '^\(INFO\|#\)' "$log" | grep -v '^    #[0-9]\|NEW_FUNC' | head -40
    failed=$((failed + 1))
  fi
  rm -rf "$work"
done
echo "fuzz: $((passed + failed)) ran, ${passed} passed, ${failed} failed"
((failed == 0))
