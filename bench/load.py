"""A small load generator (second process, loopback only): N threads with keep-alive
connections GET one path for a fixed time; prints JSON with requests/s and latencies.

    python -m bench.load http://127.0.0.1:PORT/path --cookie 'sessionid=…' --clients 8 --seconds 10
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time
from urllib.parse import urlsplit


def worker(
    host: str, port: int, path: str, headers: dict[str, str], deadline: float, out: list, errs: list
) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errs.append(response.status)
            else:
                out.append(time.perf_counter() - started)
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=30)
        except (OSError, http.client.HTTPException) as exc:
            errs.append(type(exc).__name__)
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.close()


def run(url: str, cookie: str, clients: int, seconds: float) -> dict:
    parts = urlsplit(url)
    headers = {"Cookie": cookie, "Host": parts.netloc}
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    errors: list = []
    threads = [
        threading.Thread(
            target=worker,
            args=(parts.hostname, parts.port, parts.path, headers, deadline, latencies, errors),
        )
        for _ in range(clients)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "error_kinds": sorted({str(e) for e in errors})[:5],
        "seconds": took,
        "rps": len(latencies) / took if took else 0.0,
        "p50": statistics.median(ordered) if ordered else None,
        "p95": ordered[int(len(ordered) * 0.95)] if ordered else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--cookie", default="")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    print(json.dumps(run(args.url, args.cookie, args.clients, args.seconds)))


if __name__ == "__main__":
    main()
