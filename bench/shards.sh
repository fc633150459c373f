#!/usr/bin/env bash
# The shards benchmark: one generated corpus of N documents (default 3000)
# indexed as one database, as 2 shards and as 4; each shard (and the single
# database) served by its own xapian-tcpsrv on a free loopback port; then
# coopdec-bench-shards (bench/shards.cc) over the six indexes — 1, 2 and 4
# shards, local then remote — plus the single database a second time, as a
# control: its gap to the first shows the noise of the run. Then a Markdown
# report in bench/results/shards.md: the machine, the command, the figures.
# It checks that the indexes give the same answers; it never fails on time.
#
# Usage: bench/shards.sh [N]
# Environment: COOPDEC_BIN_DIR (default build/bin: coopdec-gencorpus,
# coopdec-index, coopdec-bench-shards), BENCH_OUT (default
# build/bench-shards, emptied first), SEED (1), ROUNDS (14: each of the 7
# indexes first in a round twice), THREADS (2),
# FACET_VALUES (values listed per facet, default the server's 100),
# SHARDS_REPORT (default bench/results/shards.md).
# Every xapian-tcpsrv it starts is stopped on exit, whatever the exit.
set -euo pipefail
cd "$(dirname "$0")/.."
src="$(pwd)"
n="${1:-3000}"
seed="${SEED:-1}"
rounds="${ROUNDS:-14}"
threads="${THREADS:-2}"
facet_values="${FACET_VALUES:-100}"
bin="${COOPDEC_BIN_DIR:-$src/build/bin}"
out="${BENCH_OUT:-$src/build/bench-shards}"
report="${SHARDS_REPORT:-$src/bench/results/shards.md}"
command_line="bench/shards.sh $* (SEED=$seed ROUNDS=$rounds THREADS=$threads FACET_VALUES=$facet_values)"

for tool in "$bin/coopdec-gencorpus" "$bin/coopdec-index" "$bin/coopdec-bench-shards"; do
  if [ ! -x "$tool" ]; then
    echo "bench/shards.sh : $tool introuvable : construisez les cibles coopdec-gencorpus, coopdec-index et coopdec-bench-shards (ou réglez COOPDEC_BIN_DIR)" >&2
    exit 2
  fi
done
if ! command -v xapian-tcpsrv > /dev/null; then
  echo "bench/shards.sh : xapian-tcpsrv introuvable (paquet Debian xapian-tools)" >&2
  exit 2
fi

# The process group of every xapian-tcpsrv started: each runs in its own
# session (setsid), so that its children, one per connection, stop with it.
server_groups=()
stop_servers() {
  local g
  for g in "${server_groups[@]}"; do
    kill -- "-$g" 2> /dev/null || true
  done
  for g in "${server_groups[@]}"; do
    wait "$g" 2> /dev/null || true
  done
  server_groups=()
}
trap stop_servers EXIT

# A port nobody listens on now (it may be taken before the server binds it:
# start_server tries again then).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Serves the database DIR on a free loopback port; sets `port`. The server
# says "Listening..." on its standard output once it listens: that line,
# read through a FIFO, is the signal to go on. What it prints next (a line
# per connection) is drained into a log by a cat that ends with it.
start_server() {
  local dir="$1" fifo="$out/tcpsrv.fifo" pid line rc attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port="$(free_port)"
    rm -f "$fifo"
    mkfifo "$fifo"
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" --idle-timeout 600000 "$dir" \
      > "$fifo" 2> "$out/tcpsrv-$port.stderr" &
    pid=$!
    exec 3< "$fifo"
    # "Starting server on host …" comes first.
    while IFS= read -r -t 30 line <&3 && [[ "$line" != Listening* ]]; do :; done
    if [[ "${line:-}" == Listening* ]]; then
      server_groups+=("$pid")
      cat <&3 > "$out/tcpsrv-$port.log" &
      exec 3<&-
      rm -f "$fifo"
      return 0
    fi
    exec 3<&-
    rc=0
    kill -- "-$pid" 2> /dev/null || true
    wait "$pid" || rc=$?
    if [ "$rc" -ne 69 ]; then   # 69: the port was taken meanwhile
      echo "bench/shards.sh : xapian-tcpsrv n'a pas démarré pour $dir (statut $rc) : $(cat "$out/tcpsrv-$port.stderr")" >&2
      exit 1
    fi
  done
  echo "bench/shards.sh : aucun port libre trouvé pour $dir après 10 essais" >&2
  exit 1
}

rm -rf "$out"
mkdir -p "$out" "$(dirname "$report")"
start=$(date +%s)
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "corpus : $n documents, graine $seed" >&2
"$bin/coopdec-gencorpus" --out "$out/corpus" --documents "$n" --seed "$seed" --quiet

# Indexing: 1 database, 2 shards, 4 shards; wall time of each.
declare -A index_seconds
for k in 1 2 4; do
  echo "indexation : $k fragment(s)" >&2
  shards=()
  [ "$k" -gt 1 ] && shards=(--shards "$k")
  t0=$(date +%s.%N)
  "$bin/coopdec-index" --quiet --db "$out/db-$k" "${shards[@]}" --schemas "$src/corpus/schema" "$out/corpus"
  index_seconds[$k]=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$t0" "$(date +%s.%N)")
done

# One server per shard, and one for the single database; a remote stub per index.
echo "serveurs xapian-tcpsrv sur 127.0.0.1" >&2
start_server "$out/db-1"
echo "remote 127.0.0.1:$port" > "$out/remote-1.stub"
for k in 2 4; do
  : > "$out/remote-$k.stub"
  for ((i = 0; i < k; i++)); do
    start_server "$out/db-$k/shard-$i"
    echo "remote 127.0.0.1:$port" >> "$out/remote-$k.stub"
  done
done

echo "mesure : $rounds passes, $threads fils" >&2
"$bin/coopdec-bench-shards" --rounds "$rounds" --threads "$threads" --facet-values "$facet_values" \
  --index "1 local=$out/db-1" --index "2 local=$out/db-2" --index "4 local=$out/db-4" \
  --index "1 remote=$out/remote-1.stub" --index "2 remote=$out/remote-2.stub" --index "4 remote=$out/remote-4.stub" \
  --index "1 local, again=$out/db-1" > "$out/table.md"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
stop_servers

units=$(xapian-delve "$out/db-1" 2> /dev/null | sed -n 's/^number of documents = //p')
commit=$(git -C "$src" rev-parse --short HEAD 2> /dev/null || echo '?')
if [ -n "$(git -C "$src" status --porcelain 2> /dev/null)" ]; then commit="$commit (modified tree)"; fi
{
  echo "# Shards: one database, 2 and 4 shards, local and over loopback"
  echo
  echo "Run of $started, coopdec $commit, $(($(date +%s) - start)) s in all."
  echo
  echo "**Machine.** $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(uname -sr);"
  echo "shared with other work and noisy (load average $load_before before the run,"
  echo "$load_after after the measures): compare the ratios within this run, not the"
  echo "milliseconds across runs. \"1 local, again\" is the single database measured a"
  echo "second time: its gap to \"1 local\" is this run's noise."
  echo
  echo "**Command.** \`$command_line\`"
  echo
  echo "**Corpus.** \`coopdec-gencorpus --documents $n --seed $seed\`: ${units:-?} Xapian documents"
  echo "(units and document units) in the single database. Indexing wall time:"
  echo "${index_seconds[1]} s for 1 database, ${index_seconds[2]} s for 2 shards, ${index_seconds[4]} s for 4."
  echo "Remote: one \`xapian-tcpsrv\` per shard on 127.0.0.1, the client's stub listing"
  echo "\`remote 127.0.0.1:PORT\` lines. No SearchCache: every search counts its facets."
  echo
  echo "**Measured** by \`coopdec-bench-shards\` (bench/shards.cc): the query set $rounds"
  echo "times per index, rounds interleaved across the indexes (each round starting"
  echo "from the next index); median and p95 of single searches one at a time;"
  echo "searches/s on 1 thread and on $threads threads, each thread with its own"
  echo "connection; ratios to \"1 local\". $facet_values values"
  echo "listed per facet (the title of each listed partnership is read from the index)."
  echo
  sed -n '1,/^$/p' "$out/table.md"
  echo "Median ms per query:"
  echo
  sed -n '/^$/,$p' "$out/table.md" | sed '1d'
} > "$report"
cat "$report"
echo "bench/shards.sh : rapport écrit dans $report ($(($(date +%s) - start)) s)" >&2
