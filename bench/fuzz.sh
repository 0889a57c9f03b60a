#!/usr/bin/env bash
# The long fuzz run (docs/benchmarks.md, "Fuzzing"): Jazzer fuzzes each public entry point of ApiFuzzTest in turn,
# against the whole application on its own embedded PostgreSQL, and the run reports how many cases it sent, how many
# were answered 5xx (or not at all) and how many forged notifications were accepted.
#
#   bench/fuzz.sh [CASES]     CASES: in all, default 1000000; half for the merchant API, a quarter per notification endpoint
#
# Every distinct failure is written once to bench/target/fuzz/findings-<target>.md (request, answer, server-side
# stack trace) and the run goes on; the script fails if there was any. The application's console log is off (the
# findings carry what it logged about each cause): a million refusals logged through Surefire would be the
# bottleneck. Jazzer's growing corpus is kept in server/.cifuzz-corpus/, so a later run starts where this one stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

total=${1:-1000000}
out=$PWD/bench/target/fuzz
rm -rf "$out" && mkdir -p "$out"

# installs nothing: compiles what the test needs into the modules' target folders
./mvnw -B -ntp -q -pl server -am test-compile

fuzz() {
  local method=$1 cases=$2 target=$3
  echo "fuzzing $method: $cases cases"
  JAZZER_FUZZ=1 JAZZER_MAX_EXECUTIONS=$cases JAZZER_MAX_DURATION=${FUZZ_MAX_DURATION:-12h} \
    ./mvnw -B -ntp -q -pl server -am verify -Dtest="ApiFuzzTest#$method" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dtongbao.fuzz.keep-going=true -Dtongbao.fuzz.findings="$out/findings-$target.md" \
      -Dlogging.threshold.console=OFF \
      > "$out/$target.log" 2>&1 || { echo "$method: the run failed, see $out/$target.log" >&2; return 1; }
  cat "$out/summary-$target.txt"
}

status=0
fuzz merchantApi $((total / 2)) merchant-api || status=1
fuzz alipayNotification $((total / 4)) alipay-notify || status=1
fuzz wechatPayNotification $((total - total / 2 - total / 4)) wechatpay-notify || status=1

cat "$out"/summary-*.txt > "$out/summary.txt" 2>/dev/null || true
if ls "$out"/findings-*.md > /dev/null 2>&1; then
  echo "findings (distinct causes):"
  grep -h '^### ' "$out"/findings-*.md
  status=1
fi
exit $status
