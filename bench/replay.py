#!/usr/bin/python3
"""replay.py PORT URLS_FILE [REPS]: asks coopdec-server on 127.0.0.1:PORT
for each URL of URLS_FILE (one path per line, e.g. the `target` column of
bench/peer-coopdec's tmp/per_query.tsv), REPS times over (default 1), one at
a time over one keep-alive connection, reading each whole answer; prints
the count and the p50 and p99 latencies in ms. Python 3 standard library
only."""
import http.client
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    port, urls = int(sys.argv[1]), [l.strip() for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    conn = http.client.HTTPConnection("127.0.0.1", port)
    lat = []
    for _ in range(reps):
        for url in urls:
            start = time.perf_counter()
            conn.request("GET", url)
            conn.getresponse().read()
            lat.append((time.perf_counter() - start) * 1000)
    lat.sort()
    print(f"n {len(lat)} p50 {lat[len(lat) // 2]:.3f} p99 {lat[int(len(lat) * 0.99)]:.3f}")


if __name__ == "__main__":
    main()
