#!/usr/bin/env bash
# Times the atlas's pages on this machine: the bundled corpus indexed into a
# fresh index, the real coopdec-server on a free port, then ROUNDS rounds of
# the 117 /commune/ID pages (their ids read from /communes), /communes,
# /carte and /etat?de=2015&a=2024, one curl keeping its connection. Prints,
# per kind of page, the time to answer (curl's time_total: request sent to
# last byte, on loopback) at p50, p95 and max over every request, and the
# page's size (plain and gzip, as a browser fetches it).
#
#   bash bench/atlas_pages.sh [BIN_DIR] [ROUNDS]    (default build/bin, 5)
#
# Needs curl and python3. Timings depend on the machine and its load: tests
# never assert them (bench/RESULTS.md keeps the figures with their date).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(readlink -f "${1:-$here/build/bin}")"
rounds="${2:-5}"
for program in coopdec-index coopdec-server; do
  [ -x "$bin/$program" ] || { echo "bench/atlas_pages.sh : $bin/$program introuvable (construire d'abord)" >&2; exit 1; }
done
command -v curl >/dev/null || { echo "bench/atlas_pages.sh : curl introuvable" >&2; exit 1; }

work="$(mktemp -d)"
chmod 755 "$work"  # readable by the user a server started as root becomes (nobody)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  [ -n "${KEEP:-}" ] && { echo "kept: $work" >&2; return; }
  rm -rf "$work"
}
trap cleanup EXIT

"$bin/coopdec-index" --quiet --db "$work/db" "$here/corpus" || [ $? -eq 1 ]  # 1: some files reported
# The server prints where it listens on its first line of stdout.
mkfifo "$work/out"
"$bin/coopdec-server" --db "$work/db" --state-dir "$work/state" --port 0 >"$work/out" 2>"$work/server.log" &
server=$!
exec 3<"$work/out"
base=
while read -r -t 30 line <&3; do
  if [[ "$line" =~ (http://127\.0\.0\.1:[0-9]+/)$ ]]; then base="${BASH_REMATCH[1]}"; break; fi
done
[ -n "$base" ] || { echo "bench/atlas_pages.sh : coopdec-server n'a pas démarré :" >&2; cat "$work/server.log" >&2; exit 1; }
cat <&3 >/dev/null &  # keep draining its stdout

curl -sf "${base}communes" | grep -o 'href="/commune/[a-z0-9-]*"' | sed 's|href="/||; s|"$||' | sort -u >"$work/communes"
n=$(wc -l <"$work/communes")
[ "$n" -gt 0 ] || { echo "bench/atlas_pages.sh : aucune commune dans /communes" >&2; exit 1; }
# A curl config: every page once, its body thrown away (one connection kept).
{ cat "$work/communes"; printf '%s\n' communes carte 'etat?de=2015&a=2024'; } |
  sed "s|^\(.*\)$|url = \"$base\\1\"\noutput = /dev/null|" >"$work/urls"

fmt='%{url_effective} %{http_code} %{time_total} %{size_download}\n'
for _ in $(seq "$rounds"); do
  curl -s -K "$work/urls" -w "$fmt" >>"$work/plain"
done
curl -s -K "$work/urls" -H 'Accept-Encoding: gzip' -w "$fmt" >"$work/gzip"

echo "coopdec atlas pages: $n communes, $rounds rounds, $(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/plain" "$work/gzip" <<'EOF'
import sys

def kind(url):
    path = url.split("/", 3)[3]
    return "/commune/ID" if path.startswith("commune/") else "/" + path

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

times, sizes, gz, bad = {}, {}, {}, []
for line in open(sys.argv[1]):
    url, code, secs, size = line.split()
    if code != "200":
        bad.append(f"{url} {code}")
    times.setdefault(kind(url), []).append(float(secs) * 1000)
    sizes.setdefault(kind(url), []).append(int(size))
for line in open(sys.argv[2]):
    url, code, secs, size = line.split()
    gz.setdefault(kind(url), []).append(int(size))
print("| page | requests | p50 | p95 | max | size (min–max) | gzip (min–max) |")
print("|---|---|---|---|---|---|---|")
for k in times:
    t, s, g = times[k], sizes[k], gz.get(k, [0])
    print(f"| `{k}` | {len(t)} | {pct(t, 50):.1f} ms | {pct(t, 95):.1f} ms | {max(t):.1f} ms | "
          f"{min(s) / 1000:.1f}–{max(s) / 1000:.1f} KB | {min(g) / 1000:.1f}–{max(g) / 1000:.1f} KB |")
if bad:
    print("not 200:", *bad[:10], sep="\n  ")
    sys.exit(1)
EOF
