#!/usr/bin/env bash
# cachedhttp's DynamoDB backend against requests-cache 0.9.x (Python) in one run: hit and miss
# times at 1 KB / 32 KB / 256 KB JSON, the raw GetItem floor per SDK HTTP client, item bytes.
#
#   bench/compare-requests-cache.sh [quick|full]     (default quick; run under the bench lock)
#
# Installs the Debian packages python3-requests-cache and python3-boto3 when missing (apt-get,
# needs root), builds bench/target/benchmarks.jar, and writes bench/results/peers-MODE.md.
# BENCH_JAVA_OPTS adds JVM options, e.g. -Dcachedhttp.bench.clients=APACHE,URL_CONNECTION or a
# -XX:StartFlightRecording=... profile.
set -euo pipefail

mode="${1:-quick}"
case "$mode" in quick|full) ;; *) echo "usage: $0 [quick|full]" >&2; exit 2 ;; esac
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
python=/usr/bin/python3   # Debian's interpreter, which the Debian packages install into

if ! "$python" -c 'import requests_cache, boto3' 2>/dev/null; then
  echo "== installing python3-requests-cache and python3-boto3"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-requests-cache python3-boto3
fi

jar="bench/target/benchmarks.jar"
echo "== building $jar"
mvn -q -B -pl bench -am package -DskipTests -Pbench-jar

mkdir -p bench/results
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${BENCH_JAVA_OPTS:-} -cp "$jar" \
  dev.cachedhttp.bench.PeerComparison "$mode" "$python" "bench/results/peers-$mode.md"
