#!/usr/bin/env bash
# The single-document publication benchmark: a corpus of N generated
# documents (coopdec-gencorpus, default N = 1000), indexed, then one
# agreement changed and published alone K times (coopdec-bench-publish):
# the time of each publication and the time until a reader open before it
# sees the change. The target: under one second at N = 100,000.
#
# Usage: bench/publish_one.sh [N] [K]
#        bench/publish_one.sh --db INDEX --corpus DIR [K]   (an index built
#        already, e.g. bench/run_peers.sh's; its corpus is changed and put back)
# Environment: COOPDEC_BIN_DIR (default build/bin), BENCH_OUT (default
# build/bench-publish).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${COOPDEC_BIN_DIR:-build/bin}"
if [ "${1:-}" = "--db" ]; then
  db="${2:?}"; corpus="${4:?usage: publish_one.sh --db INDEX --corpus DIR [K]}"; runs="${5:-5}"
else
  n="${1:-1000}"; runs="${2:-5}"
  out="${BENCH_OUT:-build/bench-publish}"
  rm -rf "$out"; mkdir -p "$out"
  db="$out/index"; corpus="$out/corpus"
  "$bin/coopdec-gencorpus" --out "$corpus" --documents "$n" --seed 42 --quiet
  start=$(date +%s%N)
  "$bin/coopdec-index" --db "$db" --quiet "$corpus"
  echo "index de $n documents construit en $(( ($(date +%s%N) - start) / 1000000 )) ms"
fi
# The first agreement holding a paragraph (head closes the pipe early).
file="$(set +o pipefail; find "$corpus" -path '*conventions*' -name '*.xml' | sort | xargs grep -l '</p>' 2>/dev/null | head -1)"
[ -n "$file" ] || { echo "publish_one.sh : aucune convention avec « </p> » dans $corpus" >&2; exit 2; }
"$bin/coopdec-bench-publish" --db "$db" --corpus "$corpus" --file "$file" --runs "$runs"
