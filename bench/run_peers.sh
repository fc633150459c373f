#!/usr/bin/env bash
# The side-by-side run of bench/RESULTS.md: coopdec and every peer of the
# harness ../shared/bench-peers (plain Xapian, SQLite FTS5, Sphinx, Omega;
# MiniSearch up to N = 20,000 only: it serves from memory), one after
# another, for each N. Writes bench/results/DATE-nN.jsonl and puts this
# run's tables, date, commit and command between the "results:begin" and
# "results:end" markers of bench/RESULTS.md (the prose around them is
# written by hand, from the figures and the profiles).
#
# Usage: bench/run_peers.sh [N...]          (default: 20000 100000; about an hour)
# Needs the peers' software, which coopdec does not:
#   apt-get install sphinxsearch xapian-omega python3-pymysql default-mysql-client
# and the npm registry for MiniSearch (installed beside the harness's copy).
# Environment: COOPDEC_BENCH_PEERS (the harness, default ../shared/bench-peers),
# BENCH_WORK (default /tmp/coopdec-bench), CONC_SECONDS (default 20), BENCH_REPS (3).
set -euo pipefail
cd "$(dirname "$0")/.."
src="$(pwd)"
harness="${COOPDEC_BENCH_PEERS:-$src/../shared/bench-peers}"
work="${BENCH_WORK:-/tmp/coopdec-bench}"
[ $# -gt 0 ] || set -- 20000 100000
[ -x "$harness/run_all.sh" ] || { echo "run_peers.sh : banc des pairs introuvable : $harness" >&2; exit 2; }
for tool in indexer searchd scriptindex; do
  command -v "$tool" >/dev/null || { echo "run_peers.sh : $tool introuvable (voir l'en-tête : apt-get install …)" >&2; exit 2; }
done

# The harness is read-only where it is shared; MiniSearch's package goes
# beside its script, so the run uses a copy.
mkdir -p "$work"
rm -rf "$work/harness"
cp -r "$harness" "$work/harness"
chmod -R u+w "$work/harness"
(cd "$work/harness/js" && npm install --no-audit --no-fund minisearch@7 >/dev/null)

cmake -S "$src" -B "$src/build-peer" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$src/build-peer" -j"$(nproc)" --target coopdec-index coopdec-server >/dev/null

export COOPDEC_BIN_DIR="$src/build-peer/bin" PEER_TIMEOUT=3600
export CONC_SECONDS="${CONC_SECONDS:-20}" BENCH_REPS="${BENCH_REPS:-3}"
day="$(date +%F)"
files=()
for n in "$@"; do
  peers="xapian sqlite sphinx omega"
  [ "$n" -le 20000 ] && peers="$peers minisearch"
  echo "# N = $n : $peers coopdec" >&2
  BENCH_OUT="$work/run_$n" PEERS="$peers $src/bench/peer-coopdec" "$work/harness/run_all.sh" "$n" >/dev/null
  mkdir -p "$src/bench/results"
  cp "$work/run_$n/results.jsonl" "$src/bench/results/$day-n$n.jsonl"
  files+=("$src/bench/results/$day-n$n.jsonl")
done

tables="$(mktemp)"
{
  echo "Run of $day, coopdec $(git -C "$src" rev-parse --short HEAD)$(git -C "$src" diff --quiet HEAD -- . ':!bench/RESULTS.md' ':!bench/results' || echo ' (modified tree)'):"
  echo "\`bench/run_peers.sh $*\` (CONC_SECONDS=$CONC_SECONDS, BENCH_REPS=$BENCH_REPS)."
  echo
  python3 "$src/bench/results_table.py" "${files[@]}"
} > "$tables"
python3 - "$src/bench/RESULTS.md" "$tables" <<'PY'
import sys
path, tables = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
text = open(path, encoding="utf-8").read()
begin, end = "<!-- results:begin -->", "<!-- results:end -->"
if begin not in text or end not in text:
    sys.exit(f"run_peers.sh : marqueurs {begin} / {end} absents de {path}")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w", encoding="utf-8").write(head + begin + "\n" + tables + end + tail)
PY
rm -f "$tables"
echo "bench/RESULTS.md : tableaux remplacés ($day)" >&2
