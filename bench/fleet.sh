#!/usr/bin/env bash
# Runs the fleet figures: cold starts of new instances (each its own JVM), the background write
# rate of one instance, bodies past 400 KB read by another instance, the near cache on a hot key
# and fleet-wide coalescing of cold keys, on one DynamoDB Local.
#
#   bench/fleet.sh             (about 3 minutes on 2 cores)
#
# Writes bench/results/fleet.md (the tables) and fleet.log.
# All traffic stays on loopback: a MockWebServer origin and an in-process DynamoDB Local.
exec "$(dirname "$0")/command.sh" FleetBench fleet
