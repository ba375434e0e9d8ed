"""The Dask ingest on a LocalCluster: 1 against 2 workers, and the client's
peak memory by corpus size.

    PYTHONPATH=$PWD python benchmarks/bench_dask.py --speed-docs 200 --docs 1000 10000

Speed: the same generated documents analysed through
`sayso.engines.dask.analyze_on_cluster` on a local cluster of 1, then 2,
one-thread worker processes, in one run; the workers load the model before
the clock starts. Prints the documents/s of each and their ratio (the target
on 2 cores is >= 1.7). Memory: ``sayso ingest --engine dask --workers 2``
of 1k ... 10k small generated documents, each in its own process, whose
peak RSS is the client's alone (the workers are processes of their own).
On a shared machine the wall clock also measures the neighbours: the load
average is printed beside the numbers.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_ingest import generated_document  # noqa: E402


def warm_worker() -> None:
    """On a worker: load the model and the stages before timing."""
    from sayso.config import Config
    from sayso.engines.dask import analyze_chunk
    from sayso.read import read_text
    analyze_chunk([read_text("The mayor said the vote would pass.", "warm")], Config())


def throughput(workers: int, count: int) -> dict:
    from dask.distributed import Client, LocalCluster
    from sayso.engines.dask import analyze_on_cluster
    from sayso.read import read_text
    documents = [read_text(d["text"], d["id"]) for d in map(generated_document, range(count))]
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        client.run(warm_worker)
        load, cpu = os.getloadavg()[0], sum(client.run(time.process_time).values())
        started = time.perf_counter()
        done = sum(1 for result in analyze_on_cluster(documents, client)
                   if hasattr(result, "to_dict"))
        seconds = time.perf_counter() - started
        cpu = sum(client.run(time.process_time).values()) - cpu
    return {"workers": workers, "documents": done, "seconds": seconds, "cpu": cpu,
            "per_second": done / seconds, "load": load}


def small_document(n: int) -> dict:
    return {"id": f"small-{n:06d}", "outlet": "Bench Wire",
            "text": f"Mayor Ana Ruiz said on day {n} that the council would vote again."}


def client_memory(count: int, scratch: Path) -> dict:
    """Ingest count small documents on a 2-worker local cluster in a child
    process; its peak RSS."""
    corpus = scratch / f"small-{count}.jsonl"
    corpus.write_text("".join(json.dumps(small_document(n)) + "\n" for n in range(count)),
                      encoding="utf-8")
    output = subprocess.run([sys.executable, __file__, "--child", str(corpus),
                             str(scratch / f"small-{count}.duckdb")],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure_client(corpus: str, db: str) -> None:
    """Child process: the dask ingest of the corpus; print JSON."""
    from sayso.engines.dask import analyze_on_cluster, cluster_client
    from sayso.store import Store
    from sayso.store.ingest import ingest_paths
    started, load = time.perf_counter(), os.getloadavg()[0]
    with cluster_client(None, 2) as client, Store(db) as store:
        summary = ingest_paths([corpus], store, analyse=lambda items, config:
                               analyze_on_cluster(items, client, config))
    print(json.dumps({"documents": summary.stored, "seconds": time.perf_counter() - started,
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "load": load}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed-docs", type=int, default=200)
    parser.add_argument("--docs", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure_client(*args.child)
        return
    if args.speed_docs:
        one, two = throughput(1, args.speed_docs), throughput(2, args.speed_docs)
        print("| workers | documents | wall s | documents/s | workers' CPU s "
              "| cores kept busy | load average |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for row in (one, two):
            print(f"| {row['workers']} | {row['documents']} | {row['seconds']:.1f} | "
                  f"{row['per_second']:.1f} | {row['cpu']:.1f} | "
                  f"{row['cpu'] / row['seconds']:.2f} | {row['load']:.1f} |")
        print(f"\n2 workers / 1 worker: {two['per_second'] / one['per_second']:.2f}x "
              f"on {os.cpu_count()} cores\n", flush=True)
    if args.docs:
        with tempfile.TemporaryDirectory(prefix="sayso-bench-dask-") as name:
            rows = [{"size": count, **client_memory(count, Path(name))} for count in args.docs]
        print("| documents | stored | wall s | client peak RSS (MiB) | load average |")
        print("| ---: | ---: | ---: | ---: | ---: |")
        for row in rows:
            print(f"| {row['size']} | {row['documents']} | {row['seconds']:.1f} | "
                  f"{row['peak_mib']:.0f} | {row['load']:.1f} |")


if __name__ == "__main__":
    main()
