#!/usr/bin/env bash
# The regression benchmark, small enough for CI: coopdec (every word
# required, as the harness's other peers; and coopdec-partiel, its default
# partial matching) and plain Xapian on
# the same generated corpus of N documents (default 1000) and 200 queries,
# with the peer harness of ../shared/bench-peers (bench/PEERS.md). Prints the
# side-by-side table and coopdec's ratios to the targets (bench/RESULTS.md
# has the full run). It reports; it never fails on time. It fails only when
# a peer fails to run (a crash, an error of coopdec-index, a failed query).
#
# Then the single-document publication benchmark (bench/publish_one.sh) on
# N generated documents.
#
# Usage: bench/regress.sh [N]
# Environment: COOPDEC_BIN_DIR (default build/bin), COOPDEC_BENCH_PEERS (the
# harness, default ../shared/bench-peers beside the repository), BENCH_OUT
# (default build/bench-regress). Skipped, with a message, without the harness.
set -euo pipefail
cd "$(dirname "$0")/.."
src="$(pwd)"
n="${1:-1000}"
peers_dir="${COOPDEC_BENCH_PEERS:-$src/../shared/bench-peers}"
if [ ! -x "$peers_dir/run_all.sh" ]; then
  echo "bench/regress.sh : banc des pairs introuvable ($peers_dir) : benchmark de régression non lancé"
  exit 0
fi
out="${BENCH_OUT:-$src/build/bench-regress}"
rm -rf "$out"
mkdir -p "$out"
chmod 755 "$out"   # a server started as root reads its index as nobody
export COOPDEC_BIN_DIR="${COOPDEC_BIN_DIR:-$src/build/bin}"
start=$(date +%s)
BENCH_OUT="$out" PEER_TIMEOUT=900 BENCH_REPS="${BENCH_REPS:-3}" CONC_SECONDS="${CONC_SECONDS:-5}" \
  PEERS="xapian $src/bench/peer-coopdec $src/bench/peer-coopdec-partiel" "$peers_dir/run_all.sh" "$n" > "$out/harness-table.md"
echo "# Benchmark de régression : N = $n, $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?'), $(($(date +%s) - start)) s"
python3 "$src/bench/results_table.py" "$out/results.jsonl" | tee "$out/table.md"
if grep -q '"error"' "$out/results.jsonl"; then
  echo "bench/regress.sh : un pair a échoué (voir $out/*.stderr)" >&2
  exit 1
fi
# One document published into the index of N generated documents, until a
# reader sees it (its own benchmark: bench/publish_one.sh).
echo
echo "# Publication d'un document : N = $n"
BENCH_OUT="$out/publish" bench/publish_one.sh "$n" 5
