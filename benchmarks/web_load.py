"""A bounded load test of the web UI, on the loopback interface only.

Starts `sayso serve` on 127.0.0.1 (a free port) over a corpus, then sends
REQUESTS requests (default 2,000) from CONCURRENCY threads (default 8),
cycling over every page type: the overview, the claim list (plain, contested,
filtered by actor and by content), every document page, every claim page,
the JSON API of both, a static file and a missing document (a 404). It stops
by itself after the requests or after --seconds (default 600), whichever
comes first, then stops the server it started.

It prints, per page type, how many requests gave which status and the p50
and p99 latency, and the server's resident memory after one warm-up request
of every URL and after the load.

    nice -n 10 python benchmarks/web_load.py --db sayso-demo.duckdb [--requests N]
"""
from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sayso.store import Store  # noqa: E402

HOST = "127.0.0.1"  # loopback only: never another address


def resident_bytes(pid: int) -> int:
    """A process's resident memory (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def page_urls(db: Path) -> list[tuple[str, str]]:
    """(page type, path) for every page the corpus has."""
    with Store(db, read_only=True) as store:
        documents = [row[0] for row in store.fetch("SELECT id FROM documents ORDER BY id")]
        claims = [row[0] for row in store.fetch("SELECT claim FROM claims ORDER BY claim")]
        source = store.fetch("SELECT source_text FROM attributions LIMIT 1")
    actor = quote(source[0][0].split()[-1]) if source else "minister"
    urls = [("overview", "/"), ("claims", "/claims"), ("claims", "/claims?contested=1"),
            ("claims", f"/claims?actor={actor}"), ("claims", "/claims?about=said"),
            ("api claims", "/api/claims"), ("api claims", "/api/claims?contested=1"),
            ("static", "/static/sayso.css"), ("missing", "/documents/no-such-document")]
    urls += [("document", f"/documents/{quote(d, safe='')}") for d in documents]
    urls += [("api document", f"/api/documents/{quote(d, safe='')}") for d in documents]
    urls += [("claim", f"/claims/{quote(str(c), safe='')}") for c in claims]
    return urls


def get(port: int, path: str) -> tuple[int, float]:
    began = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        status = response.status
    except (OSError, http.client.HTTPException):
        status = 0  # no answer
    finally:
        connection.close()
    return status, time.perf_counter() - began


def start_server(db: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "sayso", "serve", "--db", str(db), "--host", HOST,
         "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"sayso serve exited with {server.returncode}")
        if get(port, "/static/sayso.css")[0]:
            return server
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("sayso serve did not answer within 120 s")


def load(port: int, urls: list[tuple[str, str]], requests: int, concurrency: int,
         seconds: float) -> dict[str, list[tuple[int, float]]]:
    deadline = time.monotonic() + seconds
    results: dict[str, list[tuple[int, float]]] = defaultdict(list)

    def one(index: int) -> None:
        if time.monotonic() > deadline:
            return
        kind, path = urls[index % len(urls)]
        results[kind].append(get(port, path))

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(requests)))
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(results: dict[str, list[tuple[int, float]]], before: int, after: int,
           wall: float) -> None:
    total = sum(len(r) for r in results.values())
    print(f"{total} requests in {wall:.1f} s ({total / wall:.1f}/s)")
    print("| page type | requests | statuses | p50 ms | p99 ms |")
    print("| --- | ---: | --- | ---: | ---: |")
    every: list[float] = []
    for kind, answers in sorted(results.items()):
        times = [t for _, t in answers]
        every += times
        statuses = defaultdict(int)
        for status, _ in answers:
            statuses[status] += 1
        shown = ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items()))
        print(f"| {kind} | {len(answers)} | {shown} | {1000 * statistics.median(times):.0f} "
              f"| {1000 * percentile(times, 0.99):.0f} |")
    print(f"| all | {total} | | {1000 * statistics.median(every):.0f} "
          f"| {1000 * percentile(every, 0.99):.0f} |")
    print(f"server RSS: {before / 2**20:.0f} MiB after warm-up, "
          f"{after / 2**20:.0f} MiB after the load")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=600)
    args = parser.parse_args()
    urls = page_urls(args.db)
    port = free_port()
    server = start_server(args.db, port)
    try:
        for _, path in urls:
            get(port, path)
        before = resident_bytes(server.pid)
        began = time.perf_counter()
        results = load(port, urls, min(args.requests, 100_000), args.concurrency,
                       args.seconds)
        wall = time.perf_counter() - began
        report(results, before, resident_bytes(server.pid), wall)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
