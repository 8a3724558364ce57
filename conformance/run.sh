#!/usr/bin/env bash
# Runs the public HTTP cache test suite (npm package http-cache-tests) against a cache: the
# suite's origin server, our forward proxy over the subject's OkHttp client, and the suite's CLI
# sending its requests to the proxy. Prints the table of docs/http-caching.md ("Conformance").
#
#   bash conformance/run.sh [cachedhttp|okhttp|none|all]   (default: all) raw results -> conformance/results/
#   bash conformance/run.sh --check                         cachedhttp only; fails below conformance/floor.properties
#   bash conformance/run.sh --suite DIR [cachedhttp|okhttp|none|all]
#                                                           another copy of the suite, e.g. a checkout of
#                                                           its repository (github.com/http-tests/cache-tests,
#                                                           the layout cache-tests.fyi publishes); results ->
#                                                           conformance/target/suite-results/
#
# Needs the module built first: mvn -B -DskipTests package (puts the proxy's jars in
# conformance/target/lib); installs the suite with npm ci when the build did not (it does when
# the module's tests run). The repository layout imports the npm package undici, which
# conformance/node_modules holds: when DIR has no node_modules, --suite links it to that one.
# Environment: CONFORMANCE_SUITE=DIR is the same as --suite DIR; CONFORMANCE_RESULTS=folder
# writes results there. The floor (--check) is for the npm package only.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
if [[ "${1:-}" == "--suite" ]]; then
  if [[ -z "${2:-}" || ! -d "$2/tests" ]]; then
    echo "conformance: --suite needs a copy of the suite (a folder with tests/): '${2:-}'" >&2
    exit 2
  fi
  CONFORMANCE_SUITE=$(cd "$2" && pwd)
  export CONFORMANCE_SUITE
  shift 2
  if [[ "${1:-}" == "--check" ]]; then
    echo "conformance: --check counts against the floor of the npm package; run it without --suite" >&2
    exit 2
  fi
  if [[ ! -e "$CONFORMANCE_SUITE/node_modules" && ! -d "$here/node_modules" ]]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error --color=false >&2)
  fi
  if [[ ! -e "$CONFORMANCE_SUITE/node_modules" ]]; then
    echo "conformance: linking $CONFORMANCE_SUITE/node_modules to $here/node_modules (undici)" >&2
    ln -s "$here/node_modules" "$CONFORMANCE_SUITE/node_modules"
  fi
  CONFORMANCE_RESULTS="${CONFORMANCE_RESULTS:-$here/target/suite-results}"
fi
suite="${CONFORMANCE_SUITE:-$here/node_modules/http-cache-tests}"
results="${CONFORMANCE_RESULTS:-$here/results}"
# The published 0.4.5 has its CLI and server at the top; the suite's later layout in test-engine/.
engine="$suite"
if [[ -d "$suite/test-engine" ]]; then
  engine="$suite/test-engine"
fi
jar=$(ls "$here"/target/cachedhttp-conformance-*.jar 2>/dev/null | head -n 1 || true)
if [[ ! -d "$suite" && -z "${CONFORMANCE_SUITE:-}" ]]; then
  # a build with -DskipTests does not install the suite: do it now (needs Node.js and npm)
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error --color=false >&2)
fi
if [[ ! -d "$suite" || -z "$jar" || ! -d "$here/target/lib" ]]; then
  echo "conformance: build first: mvn -B -DskipTests package (from the repository root)" >&2
  exit 2
fi
classpath="$jar:$here/target/lib/*"

pids=()
stop_started() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
trap stop_started EXIT

# wait_for FILE PATTERN SECONDS: bounded wait until FILE has a line matching PATTERN.
wait_for() {
  local tries=$(( $3 * 10 ))
  for (( i = 0; i < tries; i++ )); do
    if [[ -f "$1" ]] && grep -q "$2" "$1"; then
      return 0
    fi
    sleep 0.1
  done
  echo "conformance: gave up after $3 s waiting for '$2' in $1:" >&2
  cat "$1" >&2 2>/dev/null || true
  return 1
}

# start_stack SUBJECT WORK: starts the suite's origin and the proxy over SUBJECT; sets base.
start_stack() {
  local subject=$1 work=$2 origin_port
  (cd "$engine" && npm_config_protocol=http npm_config_port=0 \
    npm_config_pidfile="$work/origin.pid" exec node server/server.mjs) >"$work/origin.log" 2>&1 &
  pids+=($!)
  wait_for "$work/origin.log" "Listening on" 30
  origin_port=$(sed -n 's|.*Listening on http://.*:\([0-9][0-9]*\)/.*|\1|p' "$work/origin.log" | head -n 1)
  java -cp "$classpath" dev.cachedhttp.conformance.ConformanceProxy --subject "$subject" \
    --origin "http://127.0.0.1:$origin_port" --port-file "$work/proxy.port" >"$work/proxy.log" 2>&1 &
  pids+=($!)
  wait_for "$work/proxy.port" "[0-9]" 60
  base="http://127.0.0.1:$(cat "$work/proxy.port")"
}

# keep_logs SUBJECT WORK: the last run's origin and proxy logs go to target/logs.
keep_logs() {
  mkdir -p "$here/target/logs"
  cp "$2/proxy.log" "$here/target/logs/$1.proxy.log"
  cp "$2/origin.log" "$here/target/logs/$1.origin.log"
}

# check_json FILE WHAT: fails unless FILE holds JSON.
check_json() {
  if ! node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$1"; then
    echo "conformance: $2 printed no JSON results:" >&2
    head -c 2000 "$1" >&2
    return 1
  fi
}

# run_subject SUBJECT OUT_DIR: one full run of the suite's CLI; writes SUBJECT.json and
# SUBJECT.meta.json.
run_subject() {
  local subject=$1 out=$2 work started seconds okhttp
  work=$(mktemp -d)
  mkdir -p "$out"
  start_stack "$subject" "$work"
  echo "conformance: running the suite against $subject ..." >&2
  started=$(date +%s)
  (cd "$engine" && npm_config_base="$base" npm_config_id= npm_package_config_id= \
    node --no-warnings cli.mjs) >"$work/results.json"
  seconds=$(( $(date +%s) - started ))
  stop_started
  keep_logs "$subject" "$work"
  check_json "$work/results.json" "the suite's CLI"
  cp "$work/results.json" "$out/$subject.json"
  okhttp=$(sed -n 's/.*(OkHttp \([^)]*\)).*/\1/p' "$work/proxy.log" | head -n 1)
  node -e '
    const [subject, seconds, suiteDir, okhttp] = process.argv.slice(1)
    const fs = require("fs")
    const version = JSON.parse(fs.readFileSync(suiteDir + "/package.json", "utf8")).version
    const suite = version + (fs.existsSync(suiteDir + "/test-engine") ? " (test-engine layout)" : "")
    const labels = { none: "no cache", okhttp: `OkHttp ${okhttp} Cache`, cachedhttp: "cachedhttp cacheControl(true)" }
    const meta = { subject, label: labels[subject], date: new Date().toISOString().slice(0, 10),
      suite: `http-cache-tests ${suite}`, okhttp, node: process.version, seconds: Number(seconds) }
    console.log(JSON.stringify(meta, null, 2))' "$subject" "$seconds" "$suite" "$okhttp" >"$out/$subject.meta.json"
  echo "conformance: $subject done in ${seconds} s" >&2
  rm -rf "$work"
}

# rerun_failed SUBJECT RESULTS OUT_DIR: runs the tests that did not pass in RESULTS again, fewer
# at a time, on a fresh origin and proxy; writes OUT_DIR/SUBJECT.json.
rerun_failed() {
  local subject=$1 results_file=$2 out=$3 work
  work=$(mktemp -d)
  mkdir -p "$out"
  start_stack "$subject" "$work"
  node "$here/rerun.mjs" "$base" "$results_file" >"$work/results.json"
  stop_started
  keep_logs "$subject-rerun" "$work"
  check_json "$work/results.json" "the re-run"
  cp "$work/results.json" "$out/$subject.json"
  rm -rf "$work"
}

case "${1:-all}" in
  --check)
    out="$here/target/conformance-check"
    rm -rf "$out"
    run_subject cachedhttp "$out"
    node "$here/summarize.mjs" "$out" --list cachedhttp
    first=0
    node "$here/summarize.mjs" "$out" --floor "$here/floor.properties" --subject cachedhttp \
      || first=$?
    if (( first == 3 )); then
      exit 1
    elif (( first != 0 )); then
      # A few tests give a response only 2 s of freshness or race a 3 s pause against 6 s of
      # it; on a busy machine a run's first hundred concurrent tests can make one miss. Those
      # that did not pass run once more, fewer at a time; each test counts its better result.
      # Only a first pass a few tests short gets this second chance (summarize.mjs exits 3
      # otherwise).
      rerun_failed cachedhttp "$out/cachedhttp.json" "$out/again"
      node "$here/summarize.mjs" "$out" --floor "$here/floor.properties" --subject cachedhttp \
        --also "$out/again"
    fi
    ;;
  all)
    for subject in none okhttp cachedhttp; do
      run_subject "$subject" "$results"
    done
    node "$here/summarize.mjs" "$results" --list cachedhttp | tee "$results/summary.md"
    ;;
  cachedhttp|okhttp|none)
    run_subject "$1" "$results"
    node "$here/summarize.mjs" "$results" --list cachedhttp | tee "$results/summary.md"
    ;;
  *)
    echo "usage: bash conformance/run.sh [--suite DIR] [cachedhttp|okhttp|none|all] | --check" >&2
    exit 2
    ;;
esac
