#!/usr/bin/env bash
# scripts/index-bundled sets an index of another schema version aside, keeps
# it whole, and indexes the bundled corpus anew; an index of this version is
# updated in place. Usage: index_bundled.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin="${1:?}" src="${2:?}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/coopdec-index-bundled-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
want=$(sed -n 's/.*kSchemaVersion = "\(.*\)";.*/\1/p' "$src/common/schema.h")
[ -n "$want" ] || fail "no kSchemaVersion in common/schema.h"

# An index of this version: updated in place, nothing set aside.
COOPDEC_BIN_DIR="$bin" "$src/scripts/index-bundled" "$tmp/db" > "$tmp/first.txt" 2>&1 || fail "first run: $(cat "$tmp/first.txt")"
[ "$(xapian-metadata get "$tmp/db" coopdec:schema)" = "$want" ] || fail "new index not at schema $want"
docs=$(xapian-delve "$tmp/db" | sed -n 's/^number of documents = //p')
[ "${docs:-0}" -gt 0 ] || fail "new index is empty"
COOPDEC_BIN_DIR="$bin" "$src/scripts/index-bundled" "$tmp/db" > "$tmp/again.txt" 2>&1 || fail "second run: $(cat "$tmp/again.txt")"
[ -z "$(find "$tmp" -maxdepth 1 -name 'db.schema-*')" ] || fail "an index of this schema was set aside"
grep -q ' 0 documents indexés' "$tmp/again.txt" || fail "second run re-indexed: $(cat "$tmp/again.txt")"

# The same index marked with an older schema: set aside whole, made anew.
xapian-metadata set "$tmp/db" coopdec:schema 1
COOPDEC_BIN_DIR="$bin" "$src/scripts/index-bundled" "$tmp/db" > "$tmp/old.txt" 2>&1 || fail "old schema: $(cat "$tmp/old.txt")"
aside=$(find "$tmp" -maxdepth 1 -name 'db.schema-1.*')
[ -n "$aside" ] || fail "the old index was not set aside: $(cat "$tmp/old.txt")"
grep -q "Index au schéma 1 mis de côté dans $aside" "$tmp/old.txt" || fail "no message: $(cat "$tmp/old.txt")"
[ "$(xapian-metadata get "$aside" coopdec:schema)" = 1 ] || fail "the set-aside index was changed"
[ "$(xapian-delve "$aside" | sed -n 's/^number of documents = //p')" = "$docs" ] || fail "the set-aside index lost documents"
[ "$(xapian-metadata get "$tmp/db" coopdec:schema)" = "$want" ] || fail "the new index is not at schema $want"
[ "$(xapian-delve "$tmp/db" | sed -n 's/^number of documents = //p')" = "$docs" ] || fail "the new index differs in size"
echo "ok: index-bundled sets an index of schema 1 aside and indexes anew at schema $want"
