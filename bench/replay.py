#!/usr/bin/python3
"""replay.py PORT URLS_FILE [REPS]: asks coopdec-server on 127.0.0.1:PORT
for each URL of URLS_FILE (one path per line, # for a comment, e.g. the `target` column of
bench/peer-coopdec's tmp/per_query.tsv), REPS times over (default 1), one at
a time over one keep-alive connection, reading each whole answer; prints
the count and the p50, p95 and p99 latencies in ms: of each repetition
when there are several (on a server just started, the first is what a
first asking costs, the next what the server's caches save), then of all.
Every answer must be a 200. Python 3 standard library only."""
import http.client
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    port, urls = int(sys.argv[1]), [l.strip() for l in open(sys.argv[2], encoding="utf-8") if l.strip() and not l.startswith("#")]
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    conn = http.client.HTTPConnection("127.0.0.1", port)
    lat = []
    for rep in range(reps):
        this = []
        for url in urls:
            start = time.perf_counter()
            conn.request("GET", url)
            answer = conn.getresponse()
            answer.read()
            this.append((time.perf_counter() - start) * 1000)
            if answer.status != 200:
                sys.exit(f"replay.py: {url}: {answer.status}")
        if reps > 1:
            print(f"rep {rep + 1}: " + figures(this))
        lat += this
    print(figures(lat))


def figures(lat):
    lat = sorted(lat)
    at = lambda q: lat[min(len(lat) - 1, int(len(lat) * q))]
    return f"n {len(lat)} p50 {lat[len(lat) // 2]:.3f} p95 {at(0.95):.3f} p99 {at(0.99):.3f}"


if __name__ == "__main__":
    main()
