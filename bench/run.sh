#!/usr/bin/env bash
# Runs one of the benchmarks (docs/benchmarks.md):
#
#   bench/run.sh [ledger|payments|webhooks] [-Dname=value ...]
#
# The first argument names the benchmark (ledger when it is left out, so that `bench/run.sh -Dbench.only=hot` still
# runs the ledger's); the others are JVM options, e.g. -Dbench.seconds=10. Builds bench and what it needs, then runs
# from a snapshot of the compiled classes, so that a rebuild of the working tree during a long run cannot pull
# classes from under it.
set -euo pipefail
cd "$(dirname "$0")/.."

benchmark=ledger
if [[ $# -gt 0 && "$1" != -* ]]; then
  benchmark=$1
  shift
fi
case "$benchmark" in
  ledger) main=io.tongbao.bench.LedgerBenchmark ;;
  payments) main=io.tongbao.bench.PaymentBenchmark ;;
  webhooks) main=io.tongbao.bench.WebhookBenchmark ;;
  *) echo "unknown benchmark '$benchmark': ledger, payments or webhooks" >&2; exit 2 ;;
esac

./mvnw -q -Pbench -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
snapshot=bench/target/snapshot-$benchmark
rm -rf "$snapshot" && mkdir -p "$snapshot"
classpath=""
IFS=":" read -ra entries < bench/target/classpath.txt || true  # the file has no final newline
for entry in "${entries[@]}"; do
  if [[ -d "$entry" ]]; then
    # a reactor module's target/classes: copy it
    copy="$snapshot/$(basename "$(dirname "$(dirname "$entry")")")"
    cp -r "$entry" "$copy"
    entry="$copy"
  fi
  classpath="$classpath:$entry"
done
cp -r bench/target/classes "$snapshot/bench"
exec "${JAVA_HOME:-/usr}/bin/java" -Xmx4g "$@" -cp "$snapshot/bench$classpath" "$main"
