#!/usr/bin/env bash
# Regenerate the OCR versions and spell-checker baselines of the kansli dev corpus from the clean texts.
# Developers only (CI never runs this). Deterministic: every scan_sim.py run has a fixed --seed,
# and Tesseract runs single-threaded (OMP_THREAD_LIMIT=1), at most 2 jobs at once.
#
# Needs: apt-get install -y tesseract-ocr tesseract-ocr-eng tesseract-ocr-swe fonts-liberation \
#          hunspell hunspell-sv-se aspell aspell-sv ;  pip install Pillow
# Usage: scripts/make_corpus.sh [eval|train|baseline|all]   (default: all)
#   SHARED=/path/to/shared (default: ../shared next to the repo), JOBS=2
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
TOOLS="$SHARED/tools"
C="$ROOT/corpus"
JOBS="${JOBS:-2}"
export OMP_THREAD_LIMIT=1
what="${1:-all}"

# profile name -> scan_sim.py options
declare -A PROFILES=(
  [light]="--lang eng --dpi 200 --noise 0.001 --blur 0.4 --seed 1"
  [poor]="--lang eng --dpi 150 --noise 0.01 --seed 1"
  [swe]="--lang swe --seed 1"
)
# extra variations, training set only
declare -A TRAIN_EXTRA=(
  [light_sans]="--lang eng --dpi 200 --noise 0.001 --blur 0.4 --font sans --seed 2"
  [poor_seed2]="--lang eng --dpi 150 --noise 0.01 --seed 2"
  [poor_sans]="--lang eng --dpi 150 --noise 0.01 --font sans --seed 3"
  [swe_sans]="--lang swe --font sans --seed 2"
)

# ocr_dir SRC_DIR DST_DIR OPTS : OCR every *.txt of SRC_DIR into DST_DIR (same names), JOBS at a time
ocr_dir() {
  local src="$1" dst="$2" opts="$3"
  mkdir -p "$dst"
  ls "$src"/*.txt | sort | xargs -P "$JOBS" -I{} sh -c \
    'python3 "$0" "$1" "$2/$(basename "$1")" $3' "$TOOLS/scan_sim.py" {} "$dst" "$opts"
}

if [[ $what == eval || $what == all ]]; then
  for p in light poor swe; do
    echo "eval OCR: $p" >&2
    ocr_dir "$C/clean" "$C/ocr/$p" "${PROFILES[$p]}"
  done
fi

if [[ $what == train || $what == all ]]; then
  for p in light poor swe; do
    echo "train OCR: $p" >&2
    ocr_dir "$C/train_clean" "$C/train_ocr/$p" "${PROFILES[$p]}"
  done
  for p in $(printf '%s\n' "${!TRAIN_EXTRA[@]}" | sort); do
    echo "train OCR: $p" >&2
    ocr_dir "$C/train_clean" "$C/train_ocr/$p" "${TRAIN_EXTRA[$p]}"
  done
fi

if [[ $what == baseline || $what == all ]]; then
  for tool in hunspell aspell; do
    for p in light poor swe; do
      echo "baseline: $tool $p" >&2
      mkdir -p "$C/baseline/$tool/$p"
      for f in "$C/ocr/$p"/*.txt; do
        python3 "$TOOLS/spellfix_baseline.py" "$tool" < "$f" > "$C/baseline/$tool/$p/$(basename "$f")"
      done
    done
  done
fi
echo done >&2
