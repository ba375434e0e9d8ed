"""Page latencies of the web UI on a corpus, and their ratio to a no-database page.

Usage:
    PYTHONPATH=$PWD python benchmarks/bench_web.py --db sayso-demo.duckdb [--repeat R]

Serves the corpus the way `sayso serve` does (a snapshot, `Snapshots`) and
requests each page in-process (Starlette's TestClient, no network), R times
after one warm-up request; prints the median milliseconds of each page and
its ratio to the median of /api/openapi.json, which touches no database, so
the ratio holds across machines where milliseconds do not. Also times one
refresh of the snapshot (what a request pays after an ingest committed).
"""
from __future__ import annotations

import argparse
import statistics
import time

from starlette.testclient import TestClient

from sayso.web.app import create_app
from sayso.web.snapshot import Snapshots


def pages(client: TestClient) -> list[str]:
    claim = client.get("/api/claims", params={"sort": "statements"}).json()["items"][0]["claim"]
    document = client.get("/api/documents", params={"sort": "attributions", "order": "desc"}
                          ).json()["items"][0]["id"]
    actor = client.get("/api/actors").json()["items"][0]["name"]
    story = client.get("/api/stories").json()["items"][0]["story"]
    return ["/api/openapi.json", "/", "/documents", f"/documents/{document}", "/statements",
            "/statements?stance=denies", "/claims", "/claims?contested=true&sort=first_seen",
            f"/claims/{claim}", f"/api/claims/{claim}", "/actors", f"/actors/{actor}",
            "/stories", f"/stories/{story}", "/search?q=police+killed", "/api/search?q=obama"]


def median_ms(client: TestClient, path: str, repeat: int) -> float:
    client.get(path)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        assert client.get(path).status_code == 200, path
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sayso-demo.duckdb")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    snapshots = Snapshots(args.db, recheck=3600)
    try:
        client = TestClient(create_app(snapshots))
        timed = {path: median_ms(client, path, args.repeat) for path in pages(client)}
        start = time.perf_counter()
        snapshots._version = None
        snapshots.refresh()
        refresh = (time.perf_counter() - start) * 1000
    finally:
        snapshots.close()
    baseline = timed["/api/openapi.json"]
    for path, ms in timed.items():
        print(f"{path[:60]:60} {ms:8.1f} ms  {ms / baseline:6.1f}x")
    print(f"{'snapshot refresh (copy of the corpus file)':60} {refresh:8.1f} ms")


if __name__ == "__main__":
    main()
