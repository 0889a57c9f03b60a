#!/usr/bin/env bash
# Runs the ledger benchmarks (docs/benchmarks.md). Arguments are JVM system properties, e.g. -Dbench.seconds=10.
#
# Builds bench and what it needs, then runs from a snapshot of the compiled classes, so that a rebuild of the
# working tree during a long run cannot pull classes from under it.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -Pbench -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
snapshot=bench/target/snapshot
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
exec "${JAVA_HOME:-/usr}/bin/java" -Xmx4g "$@" -cp "$snapshot/bench$classpath" io.tongbao.bench.LedgerBenchmark
