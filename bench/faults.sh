#!/usr/bin/env bash
# Runs the DynamoDB fault table: the fault-injection workload through cachedhttp over DynamoDB
# Local behind the fault proxy, one fault per phase, next to the same calls without a cache.
#
#   bench/faults.sh            (about 2 minutes on 2 cores)
#
# Writes bench/results/faults.md (the table and the targets, PASS or MISS) and faults.log.
# All traffic stays on loopback: a MockWebServer origin and an in-process DynamoDB Local.
exec "$(dirname "$0")/command.sh" FaultBench faults
