#!/usr/bin/env bash
# scripts/index-footprint on the bundled corpus's index, one database and
# three shards: every table, the sources' metadata with the text they hold
# (and no page), the stored data. Usage: index_footprint.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin="${1:?}" src="${2:?}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/coopdec-index-footprint-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
for layout in one shards; do
  args=(); [ "$layout" = shards ] && args=(--shards 3)
  "$bin/coopdec-index" "${args[@]}" --db "$tmp/$layout" "$src/corpus" > "$tmp/$layout.log" 2>&1 ||
    [ $? -eq 1 ] || fail "indexing ($layout): $(cat "$tmp/$layout.log")"
  "$src/scripts/index-footprint" "$tmp/$layout" > "$tmp/$layout.txt" 2>&1 || fail "index-footprint ($layout): $(cat "$tmp/$layout.txt")"
  for table in postlist position termlist docdata; do
    grep -Eq "^  $table\.glass +[0-9.]+ Mo$" "$tmp/$layout.txt" || fail "no $table.glass ($layout): $(cat "$tmp/$layout.txt")"
  done
  # The sources, packed; no page (the server renders them from the sources).
  src_line=$(sed -n 's/^  sources XML *\([0-9.]*\) Mo *\([0-9]*\) entrées, texte \([0-9.]*\) Mo$/\1 \2 \3/p' "$tmp/$layout.txt")
  [ -n "$src_line" ] || fail "no sources ($layout): $(cat "$tmp/$layout.txt")"
  grep -q '^  pages HTML' "$tmp/$layout.txt" && fail "pages stored ($layout): $(cat "$tmp/$layout.txt")"
  read -r packed entries text <<< "$src_line"
  [ "$entries" -gt 50 ] || fail "$entries sources ($layout)"
  awk -v p="$packed" -v t="$text" 'BEGIN { exit !(p < t) }' || fail "sources not packed ($layout): $packed Mo for $text Mo"
  grep -Eq "^  états des fichiers +[0-9.]+ Mo +[0-9]+ entrées$" "$tmp/$layout.txt" || fail "no file states ($layout)"
  grep -Eq "^données des documents \(docdata.glass, avant compression\) : [0-9.]+ Mo$" "$tmp/$layout.txt" ||
    fail "no stored data ($layout)"
done
# The same sources and files, whether in one database or in shards (the
# rest of the metadata is in every shard).
views() { grep -E '^  (pages HTML|sources XML|états des fichiers) ' "$1"; }
[ "$(views "$tmp/one.txt")" = "$(views "$tmp/shards.txt")" ] ||
  fail "one database and shards differ: $(cat "$tmp/one.txt" "$tmp/shards.txt")"
echo "index-footprint : ok"
