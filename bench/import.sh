#!/usr/bin/env bash
# Times coopdec-import and coopdec-index --check-encoding on this machine:
#   bash bench/import.sh [BIN_DIR]      (default build/bin; needs ../shared/seed)
# The repair of the study's seed (5 KB) and of 200 copies of it (1 MB), a PDF
# and a Word agreement made by LibreOffice (--dry-run: nothing written), and
# the bundled corpus indexed into a fresh index with and without the check.
# Wall time and peak memory (/usr/bin/time; a converter's memory included).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(readlink -f "${1:-$here/build/bin}")"
seed="$here/../shared/seed/000_f01667c1f19d4dff.txt"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

measure() {  # label, command...
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o time.txt "$@" >/dev/null 2>&1 || true
  read -r secs kb < time.txt
  printf '| %s | %s s | %s MB |\n' "$label" "$secs" "$((kb / 1000))"
}

python3 -c "import sys; s=open(sys.argv[1]).read(); open('big.txt','w').write(s*200)" "$seed"
printf 'Convention de coopération\nArticle premier : Objet\nLa présente convention organise la réhabilitation des forages.\nArticle 2 : Durée\nElle est conclue pour trois ans.\n' > accord.txt
soffice --headless --norestore "-env:UserInstallation=file://$work/profile" --convert-to pdf accord.txt >/dev/null 2>&1
soffice --headless --norestore "-env:UserInstallation=file://$work/profile" --convert-to docx accord.txt >/dev/null 2>&1
meta=(--type convention --title T --date 2024-03-01 --partnership part-tone-1-issy-les-moulineaux --dry-run)

echo "| what | wall | peak memory |"
echo "|---|---|---|"
measure "repair-only, the seed (5 KB, 79 words repaired)" "$bin/coopdec-import" --repair-only "$seed"
measure "repair-only, 200 copies of the seed (1 MB)" "$bin/coopdec-import" --repair-only big.txt
measure "import of a PDF agreement (pdftotext)" "$bin/coopdec-import" accord.pdf "${meta[@]}"
measure "import of a Word agreement (LibreOffice)" "$bin/coopdec-import" accord.docx "${meta[@]}"
measure "index the bundled corpus" "$bin/coopdec-index" --quiet --db "$work/a" "$here/corpus"
measure "index the bundled corpus, --check-encoding" "$bin/coopdec-index" --quiet --check-encoding --db "$work/b" "$here/corpus"
