#!/usr/bin/env bash
# Regenerates etudes/etude-prodegol-introduction.xml from the study's text as
# extracted from its PDF (../shared/seed/), with coopdec-import: the garbled
# characters are repaired word by word, the two footnote calls glued to the
# text are detached (checked by hand: « 2019-0061 » is law 2019-006 + note 1,
# « françaises2 » is « françaises » + note 2), the metadata are those below.
#   bash corpus/import-study.sh [CORPUS]    (default: this corpus)
# Binaries: $COOPDEC_BIN_DIR (default build/bin). The seed: $COOPDEC_SEED.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="${1:-$here}"
bin="${COOPDEC_BIN_DIR:-$here/../build/bin}"
seed="$(readlink -f "${COOPDEC_SEED:-$here/../../shared/seed/000_f01667c1f19d4dff.txt}")"

"$bin/coopdec-import" "$seed" --type etude --corpus "$corpus" --force \
  --id etude-prodegol-introduction \
  --title "État des lieux de la coopération décentralisée au Togo : introduction" \
  --author "Programme Décentralisation et Gouvernance Locale (ProDeGoL), GIZ" \
  --partnership part-ogou-1-niort \
  --commune zio-1,kloto-1,yoto-1,ogou-1,amou-1,sotouboua-1,tchaoudjo-1,tchamba-1,kozah-1,binah-1,bassar-1,oti-1,tone-1 \
  --source "Étude ProDeGoL « État des lieux de la coopération décentralisée au Togo », introduction et section 1.1 ; texte extrait du PDF de l’étude (shared/seed/000_f01667c1f19d4dff.txt), sauts de ligne du PDF retirés, formulation inchangée" \
  --detach-note 2019-0061 --detach-note françaises2
