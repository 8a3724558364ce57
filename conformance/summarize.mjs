// Counts raw results of the HTTP cache test suite on the selection that applies to a private
// client cache, the way the suite's own report counts them, and checks them against a floor.
//
//   node summarize.mjs RESULTS_DIR [--floor FILE --subject NAME] [--list NAME]
//
// RESULTS_DIR holds SUBJECT.json (the suite CLI's output) and SUBJECT.meta.json (run.sh's notes).
// With --floor, exits 1 when SUBJECT passes fewer required or total tests than FILE records,
// or when the selection is not the size FILE records (the suite changed: measure again);
// --also DIR2 counts each test's better result of the two runs. Without --also, a first pass far
// below the floor (more than RERUN_SLACK_REQUIRED required or RERUN_SLACK_TOTAL tests in all)
// exits 3 instead of 1: a re-run may only make up for a few timing-sensitive tests, never hide a
// broken first pass.

import fs from 'fs'
import path from 'path'
import { KINDS, selection, count } from './selection.mjs'

const SUBJECTS = ['none', 'okhttp', 'cachedhttp']

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
  const metas = SUBJECTS.map(subject => readJson(path.join(dir, `${subject}.meta.json`))).filter(meta => meta)
  for (const meta of metas) {
    console.log(`${meta.subject}: measured ${meta.date} with ${meta.suite}, OkHttp ${meta.okhttp}, Node.js ${meta.node}, ${meta.seconds} s`)
  }
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

// Per test, the better of several runs: a pass in any run is a pass.
function bestOf (runs) {
  const best = { ...runs[0] }
  for (const run of runs.slice(1)) {
    for (const [id, result] of Object.entries(run)) {
      if (result === true || best[id] === undefined) best[id] = result
    }
  }
  return best
}

const RERUN_SLACK_REQUIRED = 2
const RERUN_SLACK_TOTAL = 4

// Returns 0 at or above the floor, 1 below it, 3 below it by more than a re-run may make up.
function checkFloor (dirs, selected, floorFile, subject) {
  const floor = readFloor(floorFile)
  const runs = dirs.map(dir => {
    const results = readJson(path.join(dir, `${subject}.json`))
    if (results === undefined) throw new Error(`no results for ${subject} in ${dir}`)
    return results
  })
  const { row } = count(selected, bestOf(runs))
  if (runs.length > 1) console.log(`counting each test's better result of ${runs.length} runs`)
  const problems = []
  if (selected.length !== floor.selection) problems.push(`the selection has ${selected.length} tests, ${floorFile} was measured on ${floor.selection}`)
  if (row.required < floor.required) problems.push(`required passes ${row.required} are below the floor ${floor.required}`)
  if (row.total < floor.total) problems.push(`total passes ${row.total} are below the floor ${floor.total}`)
  console.log(`conformance of ${subject}: required ${row.required} (floor ${floor.required}), total ${row.total} (floor ${floor.total}) of ${selected.length}`)
  for (const problem of problems) console.log(`conformance check FAILED: ${problem}`)
  if (selected.length === floor.selection && (row.required > floor.required || row.total > floor.total)) {
    console.log(`conformance improved: raise ${floorFile} to required=${row.required} total=${row.total}`)
  }
  if (problems.length === 0) return 0
  const far = runs.length === 1 && (row.required < floor.required - RERUN_SLACK_REQUIRED ||
    row.total < floor.total - RERUN_SLACK_TOTAL || selected.length !== floor.selection)
  if (far) console.log('conformance check FAILED: the first pass is too far below the floor for a re-run to count')
  return far ? 3 : 1
}

function main (args) {
  const dir = args[0]
  if (!dir) throw new Error('usage: node summarize.mjs RESULTS_DIR [--floor FILE --subject NAME [--also DIR]] [--list NAME]')
  const option = name => { const i = args.indexOf(name); return i > 0 ? args[i + 1] : undefined }
  const { selected, excluded } = selection()
  const of = sizes(selected)
  console.log(`selection: ${of.total} tests (required ${of.required}, optimal ${of.optimal}, check ${of.check});` +
    ` left out: ${excluded.browser} browser-only, ${excluded.cdn} CDN-only, ${excluded.shared} shared-cache-only`)
  const floorFile = option('--floor')
  if (floorFile) {
    const dirs = option('--also') ? [dir, option('--also')] : [dir]
    process.exitCode = checkFloor(dirs, selected, floorFile, option('--subject') || 'cachedhttp')
    return
  }
  const failures = printTable(dir, selected)
  const listed = option('--list') || 'cachedhttp'
  if (failures[listed]) printFailures(listed, failures[listed])
}

main(process.argv.slice(2))
