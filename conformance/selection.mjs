// The tests of the HTTP cache test suite that apply to a private client cache, and how a run's
// results count on them: the way the suite's own report counts (lib/display.mjs
// determineTestResult: a dependency that did not pass makes a test untested).

import { suites, determineTestResult } from './suite.mjs'

export const KINDS = ['required', 'optimal', 'check']

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
