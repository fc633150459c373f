#!/usr/bin/env bash
# Load test: the real coopdec-server under wrk (keep-alive connections, a
# realistic mix of requests: tests/load/mix.lua), its memory sampled once a
# second from /proc.
#
# Usage: tests/load/run.sh [options] SOURCE DURATION CONNECTIONS
#   SOURCE       an index folder (made by coopdec-index), a corpus folder (indexed
#                first into a temporary folder), or units:N (a synthetic corpus of
#                N units made by coopdec-gencorpus, then indexed)
#   DURATION     seconds of load; CONNECTIONS: concurrent keep-alive connections
# Options:
#   --warmup S   seconds left out before the first memory window (default 10)
#   --timeout S  wrk's request timeout: a slower answer counts as an error (default 5)
#   --threads N  wrk threads (default 2)
#   --label L    name of the record (default: from the source, duration, connections)
#   --seed S     seed of the request mix and of the generated corpus (default 1)
# Environment: COOPDEC_BIN_DIR (default build/bin), COOPDEC_LOAD_DIR (records,
# default COOPDEC_BIN_DIR/../load).
#
# Fails (exit 1) on any wrk socket error (connect, read, write, timeout), any
# answer other than 2xx/3xx, zero requests, or a resident memory growth over
# 10 % between the mean of the first window after the warm-up and the mean of
# the last window (windows of 10 s, or half of what follows the warm-up when
# that is shorter). Prints one summary line; writes it, wrk's figures and the
# memory samples to COOPDEC_LOAD_DIR/LABEL.txt and appends the line to
# COOPDEC_LOAD_DIR/history.txt.
set -euo pipefail
export LC_ALL=C.UTF-8

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(cd "$here/../.." && pwd)"
bin="${COOPDEC_BIN_DIR:-$src/build/bin}"
warmup=10 timeout=5 threads=2 label="" seed=1

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) warmup="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --label) label="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "run.sh : option inconnue $1" >&2; usage ;;
    *) break ;;
  esac
done
[ $# -eq 3 ] || usage
source_arg="$1" duration="$2" connections="$3"
[[ "$duration" =~ ^[0-9]+$ && "$connections" =~ ^[0-9]+$ && "$warmup" =~ ^[0-9]+$ ]] || usage
if [ "$duration" -lt $((warmup + 2)) ]; then
  echo "run.sh : la durée ($duration s) doit dépasser l'échauffement ($warmup s) d'au moins 2 s" >&2; exit 2
fi
command -v wrk >/dev/null || { echo "run.sh : wrk introuvable (paquet Debian wrk)" >&2; exit 2; }
for b in coopdec-server coopdec-search coopdec-index; do
  [ -x "$bin/$b" ] || { echo "run.sh : $bin/$b introuvable (COOPDEC_BIN_DIR ?)" >&2; exit 2; }
done

# Readable by nobody: a server started as root gives root up for that user.
tmp="$(mktemp -d "${TMPDIR:-/tmp}/coopdec-load-XXXXXX")"
chmod 755 "$tmp"
server_pid="" sampler_pid=""
cleanup() {
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# --- The index ---
if [[ "$source_arg" == units:* ]]; then
  units="${source_arg#units:}"
  [ -x "$bin/coopdec-gencorpus" ] || { echo "run.sh : $bin/coopdec-gencorpus introuvable" >&2; exit 2; }
  echo "run.sh : corpus synthétique de $units unités (graine $seed)"
  "$bin/coopdec-gencorpus" --out "$tmp/corpus" --units "$units" --seed "$seed"
  corpus="$tmp/corpus" db="$tmp/index"
  [ -n "$label" ] || label="generated-${units}u-${duration}s-${connections}c"
elif [ -f "$source_arg/iamglass" ] || [ -f "$source_arg/iamchert" ]; then
  corpus="" db="$source_arg"
  [ -n "$label" ] || label="$(basename "$source_arg")-${duration}s-${connections}c"
elif [ -d "$source_arg" ]; then
  corpus="$source_arg" db="$tmp/index"
  [ -n "$label" ] || label="$(basename "$(cd "$source_arg" && pwd)")-${duration}s-${connections}c"
else
  echo "run.sh : $source_arg n'est ni un index, ni un dossier de corpus, ni units:N" >&2; exit 2
fi
if [ -n "$corpus" ]; then
  start=$SECONDS
  status=0
  "$bin/coopdec-index" --db "$db" "$corpus" || status=$?
  # 1: some files were reported (the bundled corpus has none); 2: no index.
  [ "$status" -le 1 ] || { echo "run.sh : l'indexation a échoué ($status)" >&2; exit 1; }
  echo "run.sh : indexé en $((SECONDS - start)) s, $(du -sh "$db" | cut -f1)"
fi

# --- What the requests ask for: ids and facet values taken from the index ---
targets="$tmp/targets.tsv"
search() { "$bin/coopdec-search" --db "$db" --json "$@"; }
{
  browse="$(search --per-page 1 '')"
  for facet in type commune region country theme year; do
    grep -o "\"$facet\":\[[^]]*\]" <<<"$browse" | grep -o '"value":"[^"]*"' |
      sed "s/^\"value\":\"//; s/\"\$//; s/^/$facet\t/" || true
  done
  for type in partenariat convention entretien etude loi; do
    kind=doc; [ "$type" = loi ] && kind=law
    for page in 1 2 3; do
      out="$(search --filter "type=$type" --per-page 100 --page "$page" '' 2>/dev/null)" || break
      grep -o '"url":"/doc/[^"#]*"' <<<"$out" | sed "s|^\"url\":\"/doc/||; s/\"\$//; s/^/$kind\t/" || true
      grep -o '"url":"/partenariat/[^"]*"' <<<"$out" | sed 's|^"url":"/partenariat/||; s/"$//; s/^/part\t/' || true
    done
  done
} | sort -u >"$targets"
# Commune names, as people type them, are queries too; legal texts are documents too.
grep '^commune	' "$targets" | cut -f2 | head -40 | sed 's/^/query\t/' >>"$targets" || true
grep '^law	' "$targets" | sed 's/^law/doc/' >>"$targets" || true
for kind in doc part type commune country theme year; do
  grep -q "^$kind	" "$targets" || { echo "run.sh : aucune valeur « $kind » dans l'index $db" >&2; exit 1; }
done
echo "run.sh : $(grep -c '^doc	' "$targets") documents, $(grep -c '^part	' "$targets") partenariats, $(grep -c '^commune	' "$targets") communes dans le mélange de requêtes"

# --- The server, on a port of its choosing; its first line gives the port ---
# Under AddressSanitizer freed memory waits in a quarantine (256 MB by
# default) that fills for minutes under load: a small one fills during the
# warm-up, so that the memory check measures the server, not the quarantine.
if ldd "$bin/coopdec-server" 2>/dev/null | grep -q libasan; then
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16"
  echo "run.sh : serveur sous AddressSanitizer : ASAN_OPTIONS=$ASAN_OPTIONS"
fi
log="$tmp/access.log"
coproc SERVER { exec "$bin/coopdec-server" --db "$db" --port 0 --state-dir "$tmp/state" 2>"$log"; }
server_pid=$SERVER_PID
line=""
read -r -t 120 line <&"${SERVER[0]}" || true
if [[ ! "$line" =~ à\ l\'écoute\ sur\ (http://[^/]+/) ]]; then
  echo "run.sh : coopdec-server n'a pas démarré : $line" >&2; tail -5 "$log" >&2; exit 1
fi
url="${BASH_REMATCH[1]}"
echo "run.sh : serveur $server_pid sur $url ; $connections connexions pendant $duration s (échauffement $warmup s, délai $timeout s)"

# --- Load, and memory sampled once a second meanwhile ---
rss() {  # the server's resident memory in KB; nothing once it is gone
  local k v _
  { while read -r k v _; do [ "$k" = "VmRSS:" ] && { echo "$v"; return; }; done <"/proc/$server_pid/status"; } 2>/dev/null
}
rss_file="$tmp/rss.txt"
( for ((i = 0; ; i++)); do echo "$i $(rss)"; sleep 1; done ) >"$rss_file" &
sampler_pid=$!
stats="$tmp/wrk-stats.txt"
wrk_status=0
COOPDEC_LOAD_STATS="$stats" wrk --threads "$threads" --connections "$connections" --duration "${duration}s" \
  --timeout "${timeout}s" --latency --script "$here/mix.lua" "$url" -- "$targets" "$seed" >"$tmp/wrk.txt" 2>&1 ||
  wrk_status=$?
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
alive=yes
kill -0 "$server_pid" 2>/dev/null || alive=no

# --- Figures ---
get() { awk -v k="$1" '$1 == k { print $2 }' "$stats"; }
if [ "$wrk_status" -ne 0 ] || [ ! -s "$stats" ]; then
  cat "$tmp/wrk.txt" >&2
  echo "run.sh : wrk a échoué ($wrk_status)" >&2; exit 1
fi
requests="$(get requests)" duration_us="$(get duration_us)"
errors_socket=$(( $(get connect) + $(get read) + $(get write) + $(get timeout) ))
errors_status="$(get status)"
rps="$(awk -v r="$requests" -v d="$duration_us" 'BEGIN { printf "%.0f", (d > 0 ? r / (d / 1e6) : 0) }')"
p50="$(awk -v u="$(get p50_us)" 'BEGIN { printf "%.1f", u / 1000 }')"
p99="$(awk -v u="$(get p99_us)" 'BEGIN { printf "%.1f", u / 1000 }')"
pmax="$(awk -v u="$(get max_us)" 'BEGIN { printf "%.1f", u / 1000 }')"
# Memory windows over the samples taken while wrk ran (one per second).
read -r rss_first rss_last growth window samples < <(awk -v warm="$warmup" -v dur="$duration" '
  $2 != "" && $1 < dur { s[n++] = $2 }
  END {
    w = int((n - warm) / 2); if (w > 10) w = 10
    if (w < 1) { print "0 0 0 0 " n; exit }
    for (i = warm; i < warm + w; i++) a += s[i]
    for (i = n - w; i < n; i++) b += s[i]
    a /= w; b /= w
    printf "%.0f %.0f %.1f %d %d\n", a, b, (b - a) * 100 / a, w, n
  }' "$rss_file")

failures=()
[ "$alive" = yes ] || failures+=("le serveur s'est arrêté pendant l'essai")
[ "${requests:-0}" -gt 0 ] || failures+=("aucune requête")
[ "$errors_socket" -eq 0 ] || failures+=("$errors_socket erreurs de socket (connect $(get connect), read $(get read), write $(get write), timeout $(get timeout))")
[ "$errors_status" -eq 0 ] || failures+=("$errors_status réponses hors 2xx/3xx")
[ "$window" -gt 0 ] || failures+=("trop peu d'échantillons de mémoire ($samples)")
awk -v g="$growth" 'BEGIN { exit !(g > 10) }' && failures+=("mémoire : +$growth % entre la première et la dernière fenêtre de $window s")

summary="load $label : $requests requêtes en $((duration_us / 1000000)) s, $rps req/s, latence p50 $p50 ms p99 $p99 ms max $pmax ms, erreurs socket $errors_socket statut $errors_status, RSS $rss_first -> $rss_last KB ($growth %, fenêtres de $window s après $warmup s)"
echo "$summary"

record_dir="${COOPDEC_LOAD_DIR:-$bin/../load}"
mkdir -p "$record_dir"
{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $source_arg, $connections connexions, $duration s, wrk --threads $threads --timeout ${timeout}s, graine $seed"
  echo "$summary"
  echo
  cat "$tmp/wrk.txt"
  echo
  echo "# RSS (KB), un échantillon par seconde depuis le début de la charge"
  cat "$rss_file"
} >"$record_dir/$label.txt"
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $summary" >>"$record_dir/history.txt"

if [ ${#failures[@]} -gt 0 ]; then
  for f in "${failures[@]}"; do echo "ÉCHEC : $f" >&2; done
  if [ "$errors_status" -gt 0 ]; then
    echo "Premières réponses hors 2xx/3xx (journal du serveur) :" >&2
    grep -E ' (GET|HEAD) [^ ]+ [45][0-9]{2} ' "$log" | head -10 >&2 || true
  fi
  # The evidence: the server's last words and the request mix, kept with the record.
  tail -200 "$log" >"$record_dir/$label.server.log"
  cp "$targets" "$record_dir/$label.targets.tsv"
  echo "Détails : $record_dir/$label.txt, $label.server.log (fin du journal du serveur), $label.targets.tsv" >&2
  exit 1
fi
