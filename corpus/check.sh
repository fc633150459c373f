#!/usr/bin/env bash
# Checks the coopdec corpus: well-formedness, RELAX NG validation of the project
# formats, unique ids, and that every cross-reference resolves.
# Uses xmllint (libxml2-utils), grep and sed only. Exits non-zero on any failure.
#
# Usage: bash corpus/check.sh [CORPUS_DIR]     (default: the directory of this script)
set -u
export LC_ALL=C.UTF-8

dir="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}"
schema="$dir/schema"
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

command -v xmllint >/dev/null 2>&1 || { echo "FAIL: xmllint not found (install libxml2-utils)" >&2; exit 2; }

# Values of the attributes selected by XPath $2 in file $1, one per line.
attrs() {
  xmllint --xpath "$2" "$1" 2>/dev/null | grep -o '="[^"]*"' | sed 's/^="\(.*\)"$/\1/'
}
# Text of the XPath string expression $2 in file $1.
xstr() { xmllint --xpath "string($2)" "$1" 2>/dev/null; }

# Duplicated lines on stdin are reported with label $1.
dups() { sort | uniq -d | while read -r d; do [ -n "$d" ] && echo "$d"; done; }

NS_CD='urn:x-coopdec:corpus:1'
NS_TEI='http://www.tei-c.org/ns/1.0'
NS_AKN='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'

mapfile -t files < <(find "$dir" -name '*.xml' -not -path "$schema/*" | sort)
[ "${#files[@]}" -gt 0 ] || { echo "FAIL: no XML file under $dir" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/docids"; : >"$tmp/partids"; : >"$tmp/gazids"; : >"$tmp/communes"
: >"$tmp/prefectures"; : >"$tmp/regions"; : >"$tmp/partrefs"; : >"$tmp/communerefs"
: >"$tmp/prefrefs"; : >"$tmp/regionrefs"
: >"$tmp/aknworks"; : >"$tmp/aknxrefs"; : >"$tmp/aknactive"; : >"$tmp/aknpassive"

for f in "${files[@]}"; do
  rel="${f#"$dir"/}"
  if ! xmllint --noout "$f" 2>"$tmp/err"; then
    fail "$rel: not well-formed: $(head -3 "$tmp/err")"; continue
  fi
  root="$(xstr "$f" 'local-name(/*)')"
  ns="$(xstr "$f" 'namespace-uri(/*)')"
  stem="$(basename "$f" .xml)"
  case "$ns" in
    "$NS_CD")
      case "$root" in
        repertoire|partenariat|convention|etude) ;;
        *) fail "$rel: unknown document type <$root>"; continue ;;
      esac
      if ! xmllint --noout --relaxng "$schema/$root.rng" "$f" 2>"$tmp/err"; then
        fail "$rel: invalid against $root.rng: $(grep -v 'fails to validate' "$tmp/err" | head -5)"
      fi
      id="$(attrs "$f" '/*/@id')"
      [ -n "$id" ] || fail "$rel: root has no id"
      echo "$id" >>"$tmp/docids"
      if [ "$(xstr "$f" '/*/@demo')" = oui ] &&
         [ -z "$(xstr "$f" 'normalize-space(/*/*[local-name()="avertissement"])')" ]; then
        fail "$rel: demo=\"oui\" without <avertissement>"
      fi
      case "$root" in
        repertoire)
          attrs "$f" '//*[local-name()="commune"]/@id' >>"$tmp/communes"
          attrs "$f" '//*[local-name()="prefecture"]/@id' >>"$tmp/prefectures"
          attrs "$f" '//*[local-name()="region"]/@id' >>"$tmp/regions"
          attrs "$f" '//*[local-name()="region" or local-name()="prefecture" or local-name()="commune"]/@id' >>"$tmp/gazids"
          ;;
        partenariat)
          echo "$id" >>"$tmp/partids"
          attrs "$f" '//*[local-name()="collectivite"]/@commune' | sed "s|^|$rel |" >>"$tmp/communerefs"
          attrs "$f" '//*[local-name()="collectivite"]/@prefecture' | sed "s|^|$rel |" >>"$tmp/prefrefs"
          attrs "$f" '//*[local-name()="collectivite"]/@region' | sed "s|^|$rel |" >>"$tmp/regionrefs"
          ;;
        convention|etude)
          attrs "$f" '/*/*[local-name()="partenariats"]/*[local-name()="partenariat"]/@ref' | sed "s|^|$rel |" >>"$tmp/partrefs"
          attrs "$f" '/*/*[local-name()="communes"]/*[local-name()="commune"]/@ref' | sed "s|^|$rel |" >>"$tmp/communerefs"
          d="$(attrs "$f" '//*[local-name()="clause" or local-name()="section"]/@id' | dups)"
          [ -z "$d" ] || fail "$rel: duplicate clause/section ids: $d"
          ;;
      esac
      ;;
    "$NS_TEI")
      id="$(attrs "$f" '/*/@xml:id')"; [ -n "$id" ] || id="$stem"
      echo "$id" >>"$tmp/docids"
      [ -n "$(xstr "$f" 'normalize-space(//*[local-name()="fileDesc"]/*[local-name()="titleStmt"]/*[local-name()="title"])')" ] ||
        fail "$rel: TEI without fileDesc/titleStmt/title"
      attrs "$f" '//*[local-name()="keywords"][@scheme="coopdec:partenariat"]/*[local-name()="term"]/@key' | sed "s|^|$rel |" >>"$tmp/partrefs"
      [ -n "$(attrs "$f" '//*[local-name()="keywords"][@scheme="coopdec:partenariat"]/*[local-name()="term"]/@key')" ] ||
        fail "$rel: TEI without a coopdec:partenariat keyword"
      attrs "$f" '//*[local-name()="placeName"]/@key | //*[local-name()="affiliation"]/@key' | sed "s|^|$rel |" >>"$tmp/communerefs"
      # speakers: u/@who and annotationBlock/@who must point to a listed person
      attrs "$f" '//*[local-name()="person"]/@xml:id' >"$tmp/persons"
      while read -r w; do
        [ -n "$w" ] || continue
        grep -qxF "${w#\#}" "$tmp/persons" || fail "$rel: speaker $w is not in listPerson"
      done < <(attrs "$f" '//*[local-name()="u" or local-name()="annotationBlock"]/@who' | tr ' ' '\n')
      if [ -z "$(attrs "$f" '//*[local-name()="u"]/@who | //*[local-name()="annotationBlock"]/@who')" ]; then
        fail "$rel: no utterance with a speaker"
      fi
      ;;
    "$NS_AKN")
      echo "$stem" >>"$tmp/docids"
      [ -n "$(xstr "$f" '//*[local-name()="FRBRWork"]/*[local-name()="FRBRthis"]/@value')" ] || fail "$rel: AKN without FRBRWork/FRBRthis"
      work="$(xstr "$f" '//*[local-name()="FRBRWork"]/*[local-name()="FRBRuri"]/@value')"
      [ -n "$work" ] && echo "$work $f" >>"$tmp/aknworks"
      # internal refs (#eId) must resolve inside the document: refs of the body
      # and the preface, and in meta every href, source, period, start, end and
      # refersTo (FRBRauthor, lifecycle, analysis, temporalData...)
      refs_xpath='//*[local-name()="body" or local-name()="preface"]//*[local-name()="ref"]/@href'
      for a in href source period start end refersTo; do
        refs_xpath="$refs_xpath | //*[local-name()=\"meta\"]//@$a"
      done
      attrs "$f" "$refs_xpath" | tr ' ' '\n' >"$tmp/allrefs"
      grep '^#' "$tmp/allrefs" | sed 's/^#//' >"$tmp/irefs" || true
      # refs into another AKN file (/akn/...#eId): checked after the loop
      grep '^/akn/[^#]*#.' "$tmp/allrefs" | sed "s|^|$rel |" >>"$tmp/aknxrefs" || true
      attrs "$f" '//@eId' >"$tmp/eids"
      while read -r r; do
        grep -qxF "$r" "$tmp/eids" || fail "$rel: internal ref #$r does not resolve"
      done <"$tmp/irefs"
      d="$(dups <"$tmp/eids")"; [ -z "$d" ] || fail "$rel: duplicate eIds: $d"
      # modifications, to check after the loop that each active one has its
      # passive mirror in the modified text and the other way round
      tm='//*[local-name()="%s"]/*[local-name()="textualMod"]'
      n="$(xstr "$f" "count($(printf "$tm" activeModifications))")"
      for ((i = 1; i <= n; i++)); do
        m="($(printf "$tm" activeModifications))[$i]"
        for dst in $(attrs "$f" "$m/*[local-name()=\"destination\"]/@href"); do
          echo "$rel $work $dst" >>"$tmp/aknactive"
        done
      done
      n="$(xstr "$f" "count($(printf "$tm" passiveModifications))")"
      for ((i = 1; i <= n; i++)); do
        m="($(printf "$tm" passiveModifications))[$i]"
        for src in $(attrs "$f" "$m/*[local-name()=\"source\"]/@href"); do
          case "$src" in
            '#'*) by="$(attrs "$f" "//*[local-name()=\"passiveRef\"][@eId=\"${src#\#}\"]/@href")"
                  [ -n "$by" ] || fail "$rel: passive modification source $src is not a passiveRef" ;;
            *) by="$src" ;;
          esac
          for dst in $(attrs "$f" "$m/*[local-name()=\"destination\"]/@href"); do
            echo "$rel $work $dst $by" >>"$tmp/aknpassive"
          done
        done
      done
      ;;
    *) fail "$rel: unknown namespace '$ns'" ;;
  esac
done

d="$(dups <"$tmp/docids")"; [ -z "$d" ] || fail "duplicate document ids: $(echo $d)"
d="$(dups <"$tmp/gazids")"; [ -z "$d" ] || fail "duplicate gazetteer ids: $(echo $d)"
[ -s "$tmp/communes" ] || fail "no gazetteer (repertoire) with communes found"

# check_refs FILE_OF("source id") TARGET_LIST LABEL
check_refs() {
  while read -r src ref; do
    [ -n "$ref" ] || continue
    grep -qxF "$ref" "$2" || fail "$src: $3 '$ref' does not resolve"
  done <"$1"
}
check_refs "$tmp/partrefs" "$tmp/partids" "partnership ref"
check_refs "$tmp/communerefs" "$tmp/communes" "commune key"
check_refs "$tmp/prefrefs" "$tmp/prefectures" "prefecture key"
check_refs "$tmp/regionrefs" "$tmp/regions" "region key"

# AKN: the file of the corpus whose work URI (FRBRWork/FRBRuri) is $1, or "".
akn_file() {
  local w t
  while read -r w t; do [ "$w" = "$1" ] && { echo "$t"; return; }; done <"$tmp/aknworks"
}
# refs into another AKN file of the corpus must name one of its eIds; refs to
# texts outside the corpus are not checked
while read -r src href; do
  target="$(akn_file "${href%%#*}")"
  [ -n "$target" ] || continue
  attrs "$target" '//@eId' | grep -qxF "${href#*#}" ||
    fail "$src: ref $href does not resolve in ${target#"$dir"/}"
done <"$tmp/aknxrefs"
# an active modification of a text of the corpus (destination /akn/WORK#eId)
# needs a passive one there (destination #eId, source a passiveRef to this
# text's work), and the other way round
has_line() {  # has_line FILE FIELD2 FIELD3 FIELD4: a line "rel FIELD2 FIELD3 FIELD4" exists
  local r a b c
  while read -r r a b c; do [ "$a $b $c" = "$2 $3 $4" ] && return 0; done <"$1"
  return 1
}
while read -r src work dst; do
  target="$(akn_file "${dst%%#*}")"
  [ -n "$target" ] || continue
  has_line "$tmp/aknpassive" "${dst%%#*}" "#${dst#*#}" "$work" ||
    fail "$src: active modification of $dst has no passive mirror in ${target#"$dir"/}"
done <"$tmp/aknactive"
while read -r src work dst by; do
  target="$(akn_file "$by")"
  [ -n "$target" ] || continue
  case "$dst" in '#'*) dst="$work$dst" ;; esac
  has_line "$tmp/aknactive" "$by" "$dst" "" ||
    fail "$src: passive modification of $dst by $by has no active mirror in ${target#"$dir"/}"
done <"$tmp/aknpassive"

n="${#files[@]}"
if [ "$failures" -gt 0 ]; then
  echo "corpus check: $failures failure(s) in $n files" >&2
  exit 1
fi
echo "corpus check: OK ($n files, $(wc -l <"$tmp/partids") partnership records, $(wc -l <"$tmp/communes") communes)"
