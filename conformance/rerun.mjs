// Runs again every test of the selection that did not pass in a results file, through the
// suite's own runner with fewer tests at a time, and prints their new results as JSON.
//
//   node rerun.mjs BASE_URL RESULTS.json [TESTS_AT_A_TIME]
//
// A handful of tests give a response only 2 s of freshness; on a busy machine the first
// hundred concurrent tests of a run can make one of them miss it.

import fs from 'fs'
import { runTests } from './suite.mjs'
import { selection, count } from './selection.mjs'

const DEFAULT_TESTS_AT_A_TIME = 20

const [base, resultsFile, atATime] = process.argv.slice(2)
if (!base || !resultsFile) throw new Error('usage: node rerun.mjs BASE_URL RESULTS.json [TESTS_AT_A_TIME]')
const { failures } = count(selection().selected, JSON.parse(fs.readFileSync(resultsFile, 'utf8')))
const ids = failures.map(failure => failure.id)
console.error(`conformance: running the ${ids.length} tests that did not pass once more`)
const results = await runTests(ids, base, parseInt(atATime || DEFAULT_TESTS_AT_A_TIME))
console.log(JSON.stringify(results, null, 2))
