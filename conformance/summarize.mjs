// Counts raw results of the HTTP cache test suite on the selection that applies to a private
// client cache, the way the suite's own report counts them, and checks them against a floor.
//
//   node summarize.mjs RESULTS_DIR [--floor FILE --subject NAME] [--list NAME]
//
// RESULTS_DIR holds SUBJECT.json (the suite CLI's output) and SUBJECT.meta.json (run.sh's notes).
// With --floor, exits 1 when SUBJECT passes fewer required or total tests than FILE records,
// or when the selection is not the size FILE records (the suite changed: measure again).

import fs from 'fs'
import path from 'path'
import { fileURLToPath, pathToFileURL } from 'url'

// The suite as installed by npm ci, or another copy of it (CONFORMANCE_SUITE=folder).
const here = path.dirname(fileURLToPath(import.meta.url))
const suiteDir = process.env.CONFORMANCE_SUITE || path.join(here, 'node_modules', 'http-cache-tests')
const load = async file => (await import(pathToFileURL(path.join(suiteDir, file)))).default
// Two layouts: the published 0.4.5 (cli.mjs at the top; its CLI adds the Surrogate-Control
// suite) and the repository's later one (test-engine/; CDN tests marked cdn_only).
const engine = fs.existsSync(path.join(suiteDir, 'test-engine')) ? 'test-engine/lib/results.mjs' : 'lib/display.mjs'
const { determineTestResult } = await import(pathToFileURL(path.join(suiteDir, engine)))
const suites = await load('tests/index.mjs')
if (fs.existsSync(path.join(suiteDir, 'tests', 'surrogate-control.mjs')) && !suites.some(suite => suite.id === 'surrogate-control')) {
  suites.push(await load('tests/surrogate-control.mjs'))
}

const SUBJECTS = ['none', 'okhttp', 'cachedhttp']
const KINDS = ['required', 'optimal', 'check']

// Suites and tests whose requirement binds only a CDN or a shared cache.
const CDN_SUITES = new Set(['surrogate-control'])
const SHARED_ONLY_SUITES = new Set(['auth'])
const SHARED_ONLY_TESTS = new Set([
  'freshness-s-maxage-shared',
  'freshness-max-age-s-maxage-shared-longer',
  'freshness-max-age-s-maxage-shared-longer-reversed',
  'freshness-max-age-s-maxage-shared-longer-multiple',
  'freshness-max-age-s-maxage-shared-shorter',
  'freshness-max-age-s-maxage-shared-shorter-expires',
  'cc-resp-private-shared',
  'stale-close-proxy-revalidate',
  'stale-close-s-maxage=2'
])

// The suite's report symbols (lib/display.mjs resultTypes), as the outcomes counted here.
const OUTCOMES = {
  '✅': 'pass',
  Y: 'pass',
  '⛔️': 'fail',
  '⚠️': 'fail',
  N: 'fail',
  '⚪️': 'untested',
  '🔹': 'setup',
  '↻': 'setup',
  '⁉️': 'setup',
  '-': 'missing'
}

export function selection () {
  const selected = []
  const excluded = { browser: 0, cdn: 0, shared: 0 }
  const sharedSeen = new Set()
  for (const suite of suites) {
    for (const test of suite.tests) {
      if (test.browser_only === true) {
        excluded.browser++
      } else if (test.cdn_only === true || CDN_SUITES.has(suite.id)) {
        excluded.cdn++
      } else if (SHARED_ONLY_SUITES.has(suite.id) || SHARED_ONLY_TESTS.has(test.id)) {
        excluded.shared++
        sharedSeen.add(test.id)
      } else {
        selected.push({ ...test, kind: test.kind || 'required' })
      }
    }
  }
  for (const id of SHARED_ONLY_TESTS) {
    if (!sharedSeen.has(id)) throw new Error(`shared-only test ${id} is not in the suite`)
  }
  return { selected, excluded }
}

function outcome (test, results) {
  const symbol = determineTestResult(suites, test.id, results)[2]
  const counted = OUTCOMES[symbol]
  if (counted === undefined) throw new Error(`unknown result symbol ${symbol} for ${test.id}`)
  return counted
}

export function count (selected, results) {
  const row = { required: 0, optimal: 0, check: 0, total: 0, fail: 0, untested: 0, setup: 0, missing: 0 }
  const failures = []
  for (const test of selected) {
    const result = outcome(test, results)
    if (result === 'pass') {
      row[test.kind]++
      row.total++
    } else {
      row[result]++
      const raw = results[test.id]
      const message = Array.isArray(raw) ? raw[1] : (result === 'untested' ? `depends on ${test.depends_on.join(', ')}` : '')
      failures.push({ id: test.id, kind: test.kind, result, message })
    }
  }
  return { row, failures }
}

function readJson (file) {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined
}

function sizes (selected) {
  const of = { total: selected.length }
  for (const kind of KINDS) of[kind] = selected.filter(test => test.kind === kind).length
  return of
}

function printTable (dir, selected) {
  const of = sizes(selected)
  console.log(`| subject | required /${of.required} | optimal /${of.optimal} | check /${of.check} | total /${of.total} | fail | untested | setup error | seconds |`)
  console.log('|---|---|---|---|---|---|---|---|---|')
  const counted = {}
  for (const subject of SUBJECTS) {
    const results = readJson(path.join(dir, `${subject}.json`))
    if (results === undefined) continue
    const meta = readJson(path.join(dir, `${subject}.meta.json`)) || {}
    const { row, failures } = count(selected, results)
    counted[subject] = failures
    const missing = row.missing ? ` (${row.missing} not run)` : ''
    console.log(`| ${meta.label || subject} | ${row.required} | ${row.optimal} | ${row.check} | ${row.total} | ${row.fail} | ${row.untested} | ${row.setup}${missing} | ${meta.seconds ?? ''} |`)
  }
  return counted
}

function printFailures (subject, failures) {
  console.log(`\n${subject}: ${failures.length} tests not passed`)
  for (const kind of KINDS) {
    for (const failure of failures.filter(item => item.kind === kind)) {
      console.log(`  ${failure.kind.padEnd(8)} ${failure.result.padEnd(8)} ${failure.id}: ${failure.message}`)
    }
  }
}

function readFloor (file) {
  const floor = {}
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = line.match(/^\s*([a-z]+)\s*=\s*(\d+)\s*$/)
    if (match) floor[match[1]] = parseInt(match[2])
  }
  for (const key of ['selection', 'required', 'total']) {
    if (floor[key] === undefined) throw new Error(`${file} has no ${key}=`)
  }
  return floor
}

function checkFloor (dir, selected, floorFile, subject) {
  const floor = readFloor(floorFile)
  const results = readJson(path.join(dir, `${subject}.json`))
  if (results === undefined) throw new Error(`no results for ${subject} in ${dir}`)
  const { row } = count(selected, results)
  const problems = []
  if (selected.length !== floor.selection) problems.push(`the selection has ${selected.length} tests, ${floorFile} was measured on ${floor.selection}`)
  if (row.required < floor.required) problems.push(`required passes ${row.required} are below the floor ${floor.required}`)
  if (row.total < floor.total) problems.push(`total passes ${row.total} are below the floor ${floor.total}`)
  console.log(`conformance of ${subject}: required ${row.required} (floor ${floor.required}), total ${row.total} (floor ${floor.total}) of ${selected.length}`)
  for (const problem of problems) console.log(`conformance check FAILED: ${problem}`)
  if (row.required > floor.required || row.total > floor.total) {
    console.log(`conformance improved: raise ${floorFile} to required=${row.required} total=${row.total}`)
  }
  return problems.length === 0
}

function main (args) {
  const dir = args[0]
  if (!dir) throw new Error('usage: node summarize.mjs RESULTS_DIR [--floor FILE --subject NAME] [--list NAME]')
  const option = name => { const i = args.indexOf(name); return i > 0 ? args[i + 1] : undefined }
  const { selected, excluded } = selection()
  const of = sizes(selected)
  console.log(`selection: ${of.total} tests (required ${of.required}, optimal ${of.optimal}, check ${of.check});` +
    ` left out: ${excluded.browser} browser-only, ${excluded.cdn} CDN-only, ${excluded.shared} shared-cache-only`)
  const floorFile = option('--floor')
  if (floorFile) {
    process.exitCode = checkFloor(dir, selected, floorFile, option('--subject') || 'cachedhttp') ? 0 : 1
    return
  }
  const failures = printTable(dir, selected)
  const listed = option('--list') || 'cachedhttp'
  if (failures[listed]) printFailures(listed, failures[listed])
}

main(process.argv.slice(2))
