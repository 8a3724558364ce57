// The installed HTTP cache test suite, in either of its layouts: the published 0.4.5 (cli.mjs at
// the top; its CLI adds the Surrogate-Control suite and runs with node-fetch) and the
// repository's later one (test-engine/; CDN tests marked cdn_only; the runner brings its fetch).
// CONFORMANCE_SUITE=folder points at another copy of the suite.

import fs from 'fs'
import path from 'path'
import { createRequire } from 'module'
import { fileURLToPath, pathToFileURL } from 'url'

const here = path.dirname(fileURLToPath(import.meta.url))
export const suiteDir = process.env.CONFORMANCE_SUITE || path.join(here, 'node_modules', 'http-cache-tests')
const layered = fs.existsSync(path.join(suiteDir, 'test-engine'))
const load = async file => import(pathToFileURL(path.join(suiteDir, file)))

export const { determineTestResult } = await load(layered ? 'test-engine/lib/results.mjs' : 'lib/display.mjs')

// The test suites, as the suite's CLI runs them.
export const suites = (await load('tests/index.mjs')).default
if (!layered && !suites.some(suite => suite.id === 'surrogate-control')) {
  suites.push((await load('tests/surrogate-control.mjs')).default)
}

// Runs the tests with these ids through the suite's own runner, `chunk` tests at a time, against
// the base URL; returns their results as the suite's CLI prints them.
export async function runTests (ids, base, chunk) {
  const wanted = new Set(ids)
  const selected = suites
    .map(suite => ({ ...suite, tests: suite.tests.filter(test => wanted.has(test.id)) }))
    .filter(suite => suite.tests.length > 0)
  const runner = await load(layered ? 'test-engine/client/runner.mjs' : 'client/runner.mjs')
  if (layered) {
    await runner.runTests(selected, false, base, chunk)
  } else {
    const fetch = createRequire(path.join(suiteDir, 'package.json'))('node-fetch')
    await runner.runTests(selected, fetch, false, base, chunk)
  }
  return runner.getResults()
}
