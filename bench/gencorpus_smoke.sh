#!/usr/bin/env bash
# gencorpus_smoke: coopdec-gencorpus writes a corpus that coopdec-index takes
# with no error and no warning, with the unit count it announced, every
# document marked as synthetic and facets spread over several values; the
# same seed gives the same corpus whatever the number of threads; and a small
# one passes corpus/check.sh (schemas, references, AKN cross-references).
#
# Usage: bench/gencorpus_smoke.sh BIN_DIR SOURCE_DIR
set -euo pipefail
export LC_ALL=C.UTF-8
bin="${1:?usage: gencorpus_smoke.sh BIN_DIR SOURCE_DIR}"
src="${2:?usage: gencorpus_smoke.sh BIN_DIR SOURCE_DIR}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/coopdec-gencorpus-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# 300 documents, indexed.
"$bin/coopdec-gencorpus" --out "$tmp/corpus" --documents 300 --seed 42 --threads 2 | tee "$tmp/gen.txt"
status=0
"$bin/coopdec-index" --db "$tmp/index" "$tmp/corpus" >"$tmp/index.txt" 2>&1 || status=$?
cat "$tmp/index.txt"
[ "$status" -eq 0 ] || fail "coopdec-index exited with $status"
grep -q " 0 en erreur, 0 avertissements" "$tmp/index.txt" || fail "coopdec-index reported errors or warnings"
announced="$(sed -n 's/.*coopdec-index en comptera \([0-9]*\) .*/\1/p' "$tmp/gen.txt")"
indexed="$(sed -n 's/.*documents indexés (\([0-9]*\) unités).*/\1/p' "$tmp/index.txt")"
[ -n "$announced" ] && [ "$announced" = "$indexed" ] ||
  fail "units: coopdec-gencorpus announced '$announced', coopdec-index indexed '$indexed'"
grep -q ": 300 documents indexés" "$tmp/index.txt" || fail "expected 300 documents indexed"

# Every document says it is synthetic, each in its format's way.
unmarked="$(grep -rL 'demo="oui"\|type="demonstration"\|<cd:demonstration' "$tmp/corpus" --include='*.xml' |
            grep -v '/repertoire/togo.xml$' || true)"
[ -z "$unmarked" ] || fail "documents without the synthetic marker: $(head -3 <<<"$unmarked")"
# No folder holds more than 1000 files.
crowded="$(find "$tmp/corpus" -type d | while read -r d; do
             n="$(find "$d" -maxdepth 1 -type f | wc -l)"; [ "$n" -le 1000 ] || echo "$d ($n)"; done)"
[ -z "$crowded" ] || fail "folders over 1000 files: $crowded"

# Facets: several values each, France first among partner countries.
json="$("$bin/coopdec-search" --db "$tmp/index" --json --per-page 1 '')"
values() { grep -o "\"$1\":\[[^]]*\]" <<<"$json" | grep -o '"value":"[^"]*"' | sed 's/^"value":"//; s/"$//'; }
check_facet() {  # FACET MINIMUM
  local n
  n="$(values "$1" | wc -l)"
  echo "facet $1: $n values ($(values "$1" | head -5 | paste -sd, -)…)"
  [ "$n" -ge "$2" ] || fail "facet $1 has $n values, expected at least $2"
}
check_facet type 5
check_facet commune 20
check_facet region 5
check_facet country 5
check_facet theme 10
check_facet year 15
check_facet legal_basis 5
[ "$(values country | head -1)" = FR ] || fail "France is not the first partner country"
total="$(grep -o '"total":[0-9]*' <<<"$json" | head -1 | cut -d: -f2)"
[ "$total" = 300 ] || fail "the index holds $total documents, expected 300"

# Deterministic: same seed, one thread instead of two, the same files.
"$bin/coopdec-gencorpus" --out "$tmp/again" --documents 300 --seed 42 --threads 1 --quiet
diff -r -q "$tmp/corpus" "$tmp/again" >/dev/null || fail "same seed, different corpus"

# A small corpus through the corpus checks (xmllint: slow, hence small).
"$bin/coopdec-gencorpus" --out "$tmp/small" --documents 60 --seed 7 --quiet
bash "$src/corpus/check.sh" "$tmp/small" || fail "corpus/check.sh refused the generated corpus"

# Refusals: a non-empty output folder, a missing size.
"$bin/coopdec-gencorpus" --out "$tmp/corpus" --documents 3 2>/dev/null && fail "wrote into a non-empty folder"
"$bin/coopdec-gencorpus" --out "$tmp/other" 2>/dev/null && fail "ran without --documents or --units"

[ "$failures" -eq 0 ] || exit 1
echo "gencorpus_smoke: OK"
