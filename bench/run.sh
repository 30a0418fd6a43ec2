#!/usr/bin/env bash
# orderlint against the parse-and-validate floor (issue 5).
#
#   bench/run.sh [--large] [--reps N]
#
# Builds orderlint and bench/ in release mode, generates seeded corpora in a
# temporary directory, runs orderlint and the floor alternately N times (5 by
# default) on each case and prints a Markdown table of medians. --large adds
# 100,000 files and 100,000 JSON Lines (default: 10,000 lines); that takes
# minutes and about 1 GB of disk. Ratios matter, not absolute times: compare
# only numbers from the same run.
set -euo pipefail

large=0
reps=5
while [ $# -gt 0 ]; do
  case "$1" in
    --large) large=1 ;;
    --reps) reps="$2"; shift ;;
    *) echo "usage: bench/run.sh [--large] [--reps N]" >&2; exit 2 ;;
  esac
  shift
done

root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet --release --manifest-path "$root/Cargo.toml"
CARGO_TARGET_DIR="$target" cargo build --quiet --release --manifest-path "$root/bench/Cargo.toml"
orderlint="$target/release/orderlint"
floor="$target/release/floor"
gen="$target/release/gen"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

have_time=0
[ -x /usr/bin/time ] && have_time=1

# run OUTFILE CMD... : appends "milliseconds max_rss_kb" to OUTFILE.
run() {
  local out="$1"; shift
  local start end rss="-"
  start=$(date +%s%N)
  if [ "$have_time" = 1 ]; then
    /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1 || true
    rss=$(tail -n 1 "$work/rss")
  else
    "$@" >/dev/null 2>&1 || true
  fi
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000 )) $rss" >>"$out"
}

median() { cut -d' ' -f1 "$1" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}'; }
peak() { cut -d' ' -f2 "$1" | sort -n | tail -n 1 | awk '{ if ($1 == "-") print "-"; else printf "%.0f MB", $1/1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a/b }'; }

rows=()
# case NAME REPS TARGET ORDERLINT-ARGS... : orderlint vs the floor on TARGET.
bench_case() {
  local name="$1" n="$2" input="$3"; shift 3
  local o="$work/o" f2="$work/f2" f1="$work/f1"
  : >"$o"; : >"$f2"; : >"$f1"
  for _ in $(seq "$n"); do
    if [ "${1:-}" = "-" ]; then
      run "$o" sh -c '"$0" check - --stdin-filename x.json --format json <"$1"' "$orderlint" "$input"
    else
      run "$o" "$orderlint" check "$input" --format json
    fi
    if [ "${1:-}" = "-" ]; then
      # The same shell around the floor, so that both pay for it.
      RAYON_NUM_THREADS=2 run "$f2" sh -c '"$0" "$1"' "$floor" "$input"
      RAYON_NUM_THREADS=1 run "$f1" sh -c '"$0" "$1"' "$floor" "$input"
    else
      RAYON_NUM_THREADS=2 run "$f2" "$floor" "$input"
      RAYON_NUM_THREADS=1 run "$f1" "$floor" "$input"
    fi
  done
  local mo mf2 mf1
  mo=$(median "$o"); mf2=$(median "$f2"); mf1=$(median "$f1")
  rows+=("| $name | $mo ms | $mf2 ms | **$(ratio "$mo" "$mf2")** | $mf1 ms | $(ratio "$mo" "$mf1") | $(peak "$o") | $(peak "$f2") |")
  echo "done: $name" >&2
}

echo "generating corpora in $work ..." >&2
"$gen" --files 1000 --out "$work/1k" --seed 1
"$gen" --files 10000 --out "$work/10k" --seed 1
"$gen" --files 10000 --out "$work/10k-clean" --seed 1 --defects 0
lines=10000
[ "$large" = 1 ] && lines=100000
"$gen" --jsonl "$lines" --out "$work/requests.jsonl" --seed 1
[ "$large" = 1 ] && "$gen" --files 100000 --out "$work/100k" --seed 1
one="$(find "$work/1k" -name 'order-0000000.json')"
jsonl_mb=$(du -m "$work/requests.jsonl" | cut -f1)

single=$(( reps * 4 + 1 ))
bench_case "one file, new process" "$single" "$one"
bench_case "one file on stdin (editor)" "$single" "$one" -
bench_case "1,000 files, 20 % with findings" "$reps" "$work/1k"
bench_case "10,000 files, 20 % with findings" "$reps" "$work/10k"
bench_case "10,000 files, clean" "$reps" "$work/10k-clean"
[ "$large" = 1 ] && bench_case "100,000 files, 20 % with findings" "$reps" "$work/100k"
bench_case "JSON Lines, $lines requests ($jsonl_mb MB)" "$reps" "$work/requests.jsonl"

echo
echo "$(nproc) cores, $(date -u +%Y-%m-%d), $reps runs per case ($single for one file), medians; orderlint is single-threaded, the floor uses rayon."
echo
echo "| case | orderlint | floor, 2 threads | orderlint ÷ floor | floor, 1 thread | orderlint ÷ floor 1 thread | orderlint peak memory | floor peak memory |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
