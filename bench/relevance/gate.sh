#!/usr/bin/env bash
# @brief The relevance gate (ctest relevance_gate): coopdec on the judged query set, against the committed minimum figures.
# Indexes the bundled corpus into WORK_DIR/index, runs bench/relevance/run.py
# for coopdec only (no baselines: a few seconds) with --gate gate.json, and
# leaves the table and the per-query ranks in WORK_DIR/relevance.{md,json}.
# Fails, naming the figure, when success@10 or MRR is below gate.json's.
# Usage: gate.sh BIN_DIR SOURCE_DIR WORK_DIR
set -euo pipefail
bin="${1:?usage: gate.sh BIN_DIR SOURCE_DIR WORK_DIR}" src="${2:?}" work="${3:?}"
rm -rf "$work"
mkdir -p "$work"
"$bin/coopdec-index" --quiet --db "$work/index" "$src/corpus"
exec /usr/bin/python3 "$src/bench/relevance/run.py" --engines coopdec \
  --bin-dir "$bin" --corpus "$src/corpus" --db "$work/index" \
  --gate "$src/bench/relevance/gate.json" \
  --markdown "$work/relevance.md" --json "$work/relevance.json"
