#!/usr/bin/env bash
# Runs every cachedhttp benchmark in one JMH run and writes the results table.
#
#   bench/run.sh [quick|full]     (default quick)
#
# quick: 1 fork, 3×1 s warm-up, 4×1 s measurement per benchmark: about 7 minutes on 2 cores.
# full:  2 forks, 5×2 s warm-up, 5×2 s measurement: about 35 minutes on 2 cores.
# Writes bench/results/{jmh-MODE.json, jmh-MODE.txt, dynamodb-MODE.json,
# dynamodb-ratio-MODE.json, results-MODE.md, hit-latency-MODE.png} and copies the plot to bench/hit-latency.png (committed, shown in README).
# Extra arguments after the mode go to JMH (e.g. a benchmark regexp, or -prof stack).
# All traffic stays on loopback: a MockWebServer origin and an in-process DynamoDB Local.
set -euo pipefail

mode="${1:-quick}"
shift || true
case "$mode" in
  quick) jmh_opts=(-f 1 -wi 3 -w 1s -i 4 -r 1s) ;;
  full)  jmh_opts=(-f 2 -wi 5 -w 2s -i 5 -r 2s) ;;
  *) echo "usage: bench/run.sh [quick|full] [JMH options...]" >&2; exit 2 ;;
esac
filter=('^dev\.cachedhttp\.bench\..*')
if [ "$#" -gt 0 ]; then filter=("$@"); fi

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="bench/results"
jar="bench/target/benchmarks.jar"
mkdir -p "$out"

echo "== building $jar"
mvn -q -B -pl bench -am package -DskipTests -Pbench-jar

log_level=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

echo "== counting DynamoDB requests and item sizes (DynamoDB Local)"
java "${log_level[@]}" -cp "$jar" dev.cachedhttp.bench.DynamoDbCounts "$out/dynamodb-$mode.json" \
  > "$out/dynamodb-$mode.log" 2>&1 || { tail -40 "$out/dynamodb-$mode.log"; exit 1; }

echo "== DynamoDB hit against the raw GetItem, in turns (DynamoDB Local)"
case "$mode" in
  quick) ratio_opts=(40 50 1024 32768) ;;
  full)  ratio_opts=(80 100 1024 32768 262144) ;;
esac
java "${log_level[@]}" -cp "$jar" dev.cachedhttp.bench.DynamoDbHitRatio \
  "--json=$out/dynamodb-ratio-$mode.json" "${ratio_opts[@]}" > "$out/dynamodb-ratio-$mode.log" 2>&1 \
  || { tail -40 "$out/dynamodb-ratio-$mode.log"; exit 1; }
grep '^|' "$out/dynamodb-ratio-$mode.log" || true

echo "== JMH ($mode), log in $out/jmh-$mode.txt"
java -jar "$jar" "${jmh_opts[@]}" -prof gc -jvmArgsAppend "${log_level[*]}" \
  -rf json -rff "$out/jmh-$mode.json" "${filter[@]}" 2>&1 | tee "$out/jmh-$mode.txt" \
  | grep -E '^# (Benchmark|Parameters|Threads):|^Result|<failure>|Exception' || true

echo "== report"
java -cp "$jar" dev.cachedhttp.bench.Report "$out/jmh-$mode.json" "$out/dynamodb-$mode.json" \
  "$out/results-$mode.md" "$mode" "$out/dynamodb-ratio-$mode.json"
java -Djava.awt.headless=true -cp "$jar" dev.cachedhttp.bench.Plot "$out/jmh-$mode.json" \
  "$out/peers-$mode.json" "$out/hit-latency-$mode.png" "$mode"
cp "$out/hit-latency-$mode.png" bench/hit-latency.png
echo "== written $out/results-$mode.md and $out/hit-latency-$mode.png (copied to bench/hit-latency.png)"
