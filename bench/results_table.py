#!/usr/bin/python3
"""results_table.py RESULTS.jsonl... : the peers' results (one JSON line per
peer, as written by ../shared/bench-peers/run_all.sh) as Markdown tables,
then coopdec's figures against the targets of the performance work, as
ratios within the same run. Python 3 standard library only."""
import json
import sys


def fmt(v, d=1):
    if v is None:
        return "-"
    return f"{v:.{d}f}" if isinstance(v, (int, float)) else str(v)


def table(rows):
    out = ["| peer | N | index s | docs/s | index MB | index peak RSS MB | q p50 ms | q p95 ms | q p99 ms "
           "| no-facet p50/p95 ms | serve RSS MB | median hits | zero hits |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if "error" in r:
            out.append(f"| {r['peer']} | {r['error']} |||||||||||")
            continue
        nf = "-" if r.get("q_nofacet_p50_ms") is None else f"{r['q_nofacet_p50_ms']:.2f}/{r['q_nofacet_p95_ms']:.2f}"
        out.append(f"| {r['peer']} | {r['n_docs']} | {fmt(r['index_s'])} | {fmt(r['docs_per_s'], 0)} | "
                   f"{fmt(r['index_mb'])} | {fmt(r.get('index_peak_rss_mb'), 0)} | {fmt(r['q_p50_ms'], 2)} | "
                   f"{fmt(r['q_p95_ms'], 2)} | {fmt(r['q_p99_ms'], 2)} | {nf} | {fmt(r.get('serve_rss_mb'), 0)} | "
                   f"{r.get('matches_median', '-')} | {r.get('zero_hit_queries', '-')} |")
    return "\n".join(out)


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


def targets(rows):
    def peer(prefix):
        return next((r for r in rows if "error" not in r and r["peer"].startswith(prefix)), None)

    c = peer("coopdec")
    if not c:
        return "coopdec did not run."
    sphinx, xapian = peer("sphinx"), peer("xapian-raw")
    lines = ["| target | coopdec | reference | ratio | reached |", "|---|---|---|---|---|"]

    def row(name, mine, ref, want, ok):
        r = ratio(mine, ref) if ref is not None else None
        got = "-" if mine is None else fmt(mine, 2)
        lines.append(f"| {name} | {got} | {fmt(ref, 2)} | {fmt(r, 2)} (want {want}) | "
                     f"{'-' if r is None and ref is not None else ('yes' if ok(r if ref is not None else mine) else 'no')} |")

    if xapian:
        # The targets of the index's shape (bench/RESULTS.md): against plain
        # Xapian in-process on the same corpus, in the same run.
        p50_want = 1.0 if c["n_docs"] >= 100000 else 1.5
        row("index MB ≤ 1× plain Xapian", c["index_mb"], xapian["index_mb"], "≤ 1.0", lambda x: x <= 1.0)
        row("index docs/s ≥ 1.5× plain Xapian", c["docs_per_s"], xapian["docs_per_s"], "≥ 1.5", lambda x: x >= 1.5)
        row(f"HTTP p50 ≤ {p50_want:g}× plain Xapian in-process", c["q_p50_ms"], xapian["q_p50_ms"], f"≤ {p50_want:g}",
            lambda x: x <= p50_want)
        row("HTTP p99 ≤ plain Xapian in-process", c["q_p99_ms"], xapian["q_p99_ms"], "≤ 1.0", lambda x: x <= 1.0)
    if sphinx:
        row("index docs/s against Sphinx", c["docs_per_s"], sphinx["docs_per_s"], "≥ 1.0", lambda x: x >= 1.0)
        row("index MB against Sphinx", c["index_mb"], sphinx["index_mb"], "≤ 2.0", lambda x: x <= 2.0)
        row("HTTP p99 against Sphinx", c["q_p99_ms"], sphinx["q_p99_ms"], "≤ 1.0", lambda x: x <= 1.0)
    if c.get("tput_64_rps"):
        row("throughput 64 connections ≥ 1.7× one", c["tput_64_rps"], c["tput_1_rps"], "≥ 1.7", lambda x: x >= 1.7)
    lines.append(f"| server memory < 150 MB | {fmt(c.get('serve_rss_mb'), 0)} MB | - | - | "
                 f"{'yes' if c.get('serve_rss_mb') is not None and c['serve_rss_mb'] < 150 else 'no'} |")
    lines.append(f"| indexer memory < 300 MB | {fmt(c.get('index_peak_rss_mb'), 0)} MB | - | - | "
                 f"{'yes' if c.get('index_peak_rss_mb') is not None and c['index_peak_rss_mb'] < 300 else 'no'} |")
    if c.get("page_kb_max") is not None:
        lines.append(f"| results page < 30 KB | median {fmt(c['page_kb_median'])} KB, largest {fmt(c['page_kb_max'])} KB "
                     f"| - | - | {'yes' if c['page_kb_max'] < 30 else 'no'} |")
    if c.get("index_tables_mb"):
        lines.append("")
        lines.append("coopdec's index by Xapian table (MB; the stored views are in postlist's metadata): "
                     + ", ".join(f"{k} {v}" for k, v in c["index_tables_mb"].items())
                     + (f"; coopdec-index alone: {fmt(c['index_only_docs_per_s'], 0)} documents/s "
                        "(index s above includes writing the XML files from the JSON lines)"
                        if c.get("index_only_docs_per_s") else "") + ".")
    if c.get("tput_64_rps"):
        lines.append("")
        lines.append(f"Throughput: {fmt(c['tput_1_rps'], 0)} requests/s on 1 connection, {fmt(c['tput_64_rps'], 0)} on 64 "
                     f"(p50 {fmt(c.get('q64_p50_ms'), 1)} ms, "
                     + (f"p95 {fmt(c['q64_p95_ms'], 1)} ms, " if c.get("q64_p95_ms") is not None else "")
                     + f"p99 {fmt(c.get('q64_p99_ms'), 1)} ms at 64; "
                     f"socket errors {c.get('conc_errors')}).")
    return "\n".join(lines)


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    for path in sys.argv[1:]:
        rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip().startswith("{")]
        n = next((r["n_docs"] for r in rows if "n_docs" in r), "?")
        print(f"### N = {n}\n")
        print(table(rows))
        print()
        print(targets(rows))
        print()


if __name__ == "__main__":
    main()
