#!/usr/bin/env bash
# Runs the DynamoDB fault table: the fault-injection workload through cachedhttp over DynamoDB
# Local behind the fault proxy, one fault per phase, next to the same calls without a cache.
#
#   bench/faults.sh            (about 2 minutes on 2 cores)
#
# Writes bench/results/faults.md (the table and the targets, PASS or MISS) and faults.log.
# All traffic stays on loopback: a MockWebServer origin and an in-process DynamoDB Local.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="bench/results"
jar="bench/target/benchmarks.jar"
mkdir -p "$out"

echo "== building $jar"
mvn -q -B -pl bench -am package -DskipTests -Pbench-jar

echo "== fault phases, log in $out/faults.log"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$jar" dev.cachedhttp.bench.FaultBench \
  "$out/faults.md" > "$out/faults.log" 2>&1 || { tail -40 "$out/faults.log"; exit 1; }
cat "$out/faults.md"
echo "== written $out/faults.md"
