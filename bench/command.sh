#!/usr/bin/env bash
# Runs one of the bench module's plain commands (not JMH) from the shaded jar:
#
#   bench/command.sh CLASS NAME     e.g. bench/command.sh FaultBench faults
#
# Builds bench/target/benchmarks.jar, runs dev.cachedhttp.bench.CLASS with the report file
# bench/results/NAME.md as its argument (its output in NAME.log), and prints the report.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="bench/results"
jar="bench/target/benchmarks.jar"
mkdir -p "$out"

echo "== building $jar"
mvn -q -B -pl bench -am package -DskipTests -Pbench-jar

echo "== $2, log in $out/$2.log"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$jar" "dev.cachedhttp.bench.$1" \
  "$out/$2.md" > "$out/$2.log" 2>&1 || { tail -40 "$out/$2.log"; exit 1; }
cat "$out/$2.md"
echo "== written $out/$2.md"
