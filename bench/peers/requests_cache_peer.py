#!/usr/bin/env python3
"""requests-cache (0.9.x) as a peer of cachedhttp: its DynamoDB backend (the default) or, with
--sqlite-file, its SQLite backend.

Run by PeerComparison with the DynamoDB Local endpoint and the loopback origin it started (or by
SqlitePeerComparison with a file); prints one JSON object: per body size, the median and
90th-percentile hit and miss times (ms) and, for DynamoDB, the bytes of the stored response item
by DynamoDB's size rules.
"""
import argparse
import json
import sys
import time

import requests_cache


def timed(calls, warmup, fn):
    for i in range(warmup):
        fn(i)
    times = []
    for i in range(calls):
        start = time.perf_counter_ns()
        fn(warmup + i)
        times.append(time.perf_counter_ns() - start)
    times.sort()
    return {"median_ms": times[len(times) // 2] / 1e6,
            "p90_ms": times[int(len(times) * 0.9)] / 1e6, "calls": calls}


def item_bytes(table, key):
    item = table.get_item(Key={"namespace": "responses", "key": key}, ConsistentRead=True)["Item"]
    size = 0
    for name, value in item.items():
        size += len(name.encode())
        size += len(value.value) if hasattr(value, "value") else len(str(value).encode())
    return size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint")
    parser.add_argument("--sqlite-file")
    parser.add_argument("--origin", required=True)
    parser.add_argument("--sizes", required=True)
    parser.add_argument("--hits", type=int, required=True)
    parser.add_argument("--misses", type=int, required=True)
    parser.add_argument("--warmup", type=int, required=True)
    parser.add_argument("--table", default="requests_cache_peer")
    args = parser.parse_args()
    table = None
    if args.sqlite_file:
        session = requests_cache.CachedSession(args.sqlite_file, backend="sqlite",
                                               cache_control=True)
        results = {"version": requests_cache.__version__, "backend": "sqlite", "sizes": {}}
    else:
        import boto3
        from requests_cache.backends.dynamodb import DynamoDbCache
        connection = dict(endpoint_url=args.endpoint, region_name="us-east-1",
                          aws_access_key_id="local", aws_secret_access_key="local")
        backend = DynamoDbCache(table_name=args.table, **connection)
        session = requests_cache.CachedSession(backend=backend, cache_control=True)
        table = boto3.resource("dynamodb", **connection).Table(args.table)
        results = {"version": requests_cache.__version__, "boto3": boto3.__version__,
                   "sizes": {}}
    for size in [int(s) for s in args.sizes.split(",")]:
        url = f"{args.origin}/json/{size}?peer=requests-cache"
        first = session.get(url)
        if first.from_cache or len(first.content) != size:
            sys.exit(f"first GET of {url} was not a {size}-byte network response")

        def hit(i):
            response = session.get(url)
            if not response.from_cache or len(response.content) != size:
                raise SystemExit(f"GET {url} was not a {size}-byte hit")

        def miss(i):
            response = session.get(f"{url}&miss={i}")
            if response.from_cache or len(response.content) != size:
                raise SystemExit(f"GET {url}&miss={i} was not a {size}-byte miss")

        hits = timed(args.hits, args.warmup, hit)
        misses = timed(args.misses, min(args.warmup, 20), miss)
        results["sizes"][str(size)] = {"hit": hits, "miss": misses}
        if table is not None:
            key = session.get(url).cache_key
            results["sizes"][str(size)]["item_bytes"] = item_bytes(table, key)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
