#!/usr/bin/env bash
# orderlint against the parse-and-validate floor (issue 5), and against the
# JSON Schema CLIs jsonschema-cli and check-jsonschema where they are on PATH.
#
#   bench/run.sh [--quick | --large] [--reps N] [--no-external]
#
# Builds orderlint and bench/ in release mode, generates seeded corpora in a
# temporary directory, runs every tool alternately N times (5 by default) on
# each case and prints Markdown tables of medians:
#
#   - one file (a new process), one file on standard input (an editor),
#     1,000 and 10,000 files with 20 % findings, 10,000 clean files, and
#     100,000 JSON Lines (about 121 MiB);
#   - orderlint and the floor each with RAYON_NUM_THREADS=2 and =1;
#   - time per 1,000 files at 1,000 and 10,000 files (and 100,000), to show
#     whether cost grows linearly.
#
# --large adds 100,000 files (minutes, and about 1 GB of disk). --quick is a
# smoke run: 3 runs per case, 100 and 1,000 files, 1,000 JSON Lines.
# --no-external skips jsonschema-cli and check-jsonschema even when they are
# installed (check-jsonschema takes about 0.3 s to start and 0.5 s per 1,000
# files, on every run).
# Ratios matter, not absolute times: compare only numbers from the same run.
#
# The external CLIs are optional, run as they are found on PATH:
#   cargo install jsonschema-cli          (binary jsonschema-cli)
#   pip install check-jsonschema
# Neither reads JSON Lines (their cells say "—"). Both are given the schema
# file schemas/orders.schema.json (orderlint and the floor use the same text,
# bundled) and, for a folder, every *.json file under it through
# `xargs -0 -s 1048576` (a list made once with find; one invocation per
# about 17,000 paths, the notes under the table give the count), without format
# assertion as orderlint and the floor (jsonschema-cli --no-assert-format,
# check-jsonschema --disable-formats '*'). jsonschema-cli stops at the first
# file that is not JSON, so on the corpora with findings it is given only the
# files that are (all but those with a trailing comma, found with grep); its
# times there are marked ¹.
set -euo pipefail

usage() {
  echo "usage: bench/run.sh [--quick | --large] [--reps N] [--no-external]" >&2
  exit 2
}

quick=0
large=0
reps=
external=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --large) large=1 ;;
    --reps) [ $# -ge 2 ] || usage; reps="$2"; shift ;;
    --no-external) external=0 ;;
    *) usage ;;
  esac
  shift
done
[ "$quick" = 1 ] && [ "$large" = 1 ] && usage
if [ "$quick" = 1 ]; then
  reps="${reps:-3}"; small=100; mid=1000; lines=1000
else
  reps="${reps:-5}"; small=1000; mid=10000; lines=100000
fi
big=100000

root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
CARGO_TARGET_DIR="$target" cargo build --quiet --release --manifest-path "$root/Cargo.toml"
CARGO_TARGET_DIR="$target" cargo build --quiet --release --manifest-path "$root/bench/Cargo.toml"
orderlint="$target/release/orderlint"
floor="$target/release/floor"
gen="$target/release/gen"
schema="$root/schemas/orders.schema.json"

jscli=
cjs=
if [ "$external" = 1 ]; then
  jscli="$(command -v jsonschema-cli || true)"
  cjs="$(command -v check-jsonschema || true)"
fi
# jsonschema-cli needs the list of files that are JSON (see the head).
if [ -n "$jscli" ] && ! printf 'a\n' | grep -qP 'a' 2>/dev/null; then
  echo "grep -P is missing: jsonschema-cli is not run on folders" >&2
  grep_p=0
else
  grep_p=1
fi
xargs_size=1048576

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

have_time=0
[ -x /usr/bin/time ] && have_time=1

# run OUTFILE MAXOK CMD... : appends "microseconds max_rss_kb" to OUTFILE.
# An exit status above MAXOK (findings are 1 for orderlint, none for the
# floor) means the timing is not of the work: stop there.
run() {
  local out="$1" maxok="$2"; shift 2
  local start end rc=0 rss="-"
  start=$(date +%s%N)
  if [ "$have_time" = 1 ]; then
    /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>"$work/stderr" || rc=$?
    rss=$(tail -n 1 "$work/rss")
  else
    "$@" >/dev/null 2>"$work/stderr" || rc=$?
  fi
  end=$(date +%s%N)
  if [ "$rc" -gt "$maxok" ]; then
    echo "error: exit status $rc from: $*" >&2
    tail -n 5 "$work/stderr" >&2
    exit 1
  fi
  echo "$(( (end - start) / 1000 )) $rss" >>"$out"
}

median() { cut -d' ' -f1 "$1" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}'; }
peak() { cut -d' ' -f2 "$1" | sort -n | tail -n 1 | awk '{ if ($1 == "-") print "-"; else printf "%.0f MiB", $1/1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a/b }'; }
# 100000 -> 100,000
num() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

# corpus DIR: lists of its *.json files for xargs, NUL-separated: DIR.all,
# and DIR.json, those that are JSON (no trailing comma before the last brace).
corpus() {
  find "$1" -name '*.json' -print0 | sort -z >"$1.all"
  if [ -n "$jscli" ] && [ "$grep_p" = 1 ]; then
    grep -rLzZP --include='*.json' ',\s*\}\s*\z' "$1" | sort -z >"$1.json" || true
  fi
}
count() { tr -cd '\0' <"$1" | wc -c; }

rows=()
ext_rows=()
lin=()
# bench_case NAME REPS KIND INPUT [FILES]: every tool on INPUT, alternately.
# KIND: file, stdin, dir or jsonl. FILES (dir cases with findings) is the
# number of files, for the linearity line.
bench_case() {
  local name="$1" n="$2" kind="$3" input="$4" files="${5:-}"
  local o2="$work/o2" o1="$work/o1" f2="$work/f2" f1="$work/f1" js="$work/js" cj="$work/cj"
  : >"$o2"; : >"$o1"; : >"$f2"; : >"$f1"; : >"$js"; : >"$cj"
  local ol=("$orderlint" check "$input" --format json) fl=("$floor" "$input") jc=() cc=()
  local js_opts=(--no-assert-format --errors-only) cj_opts=(--schemafile "$schema" --disable-formats '*')
  local js_mark=""
  case "$kind" in
    file)
      jc=("$jscli" validate "$schema" "${js_opts[@]}" -i "$input")
      cc=("$cjs" "${cj_opts[@]}" "$input")
      ;;
    stdin)
      ol=(sh -c '"$0" check - --stdin-filename x.json --format json <"$1"' "$orderlint" "$input")
      # The same shell around the floor, so that both pay for it.
      fl=(sh -c '"$0" "$1"' "$floor" "$input")
      jc=(sh -c '"$0" validate "$1" --no-assert-format --errors-only -i - <"$2"' "$jscli" "$schema" "$input")
      cc=(sh -c '"$0" --schemafile "$1" --disable-formats "*" - <"$2"' "$cjs" "$schema" "$input")
      ;;
    dir)
      # jsonschema-cli only on the files that are JSON (see the head).
      if [ -s "$input.json" ]; then
        jc=(xargs -0 -s "$xargs_size" -a "$input.json" "$jscli" validate "$schema" "${js_opts[@]}" -i)
        [ "$(count "$input.json")" = "$(count "$input.all")" ] || js_mark="¹"
      fi
      cc=(xargs -0 -s "$xargs_size" -a "$input.all" "$cjs" "${cj_opts[@]}")
      ;;
  esac
  [ -n "$jscli" ] || jc=()
  [ -n "$cjs" ] || cc=()
  for _ in $(seq "$n"); do
    RAYON_NUM_THREADS=2 run "$o2" 1 "${ol[@]}"
    RAYON_NUM_THREADS=2 run "$f2" 0 "${fl[@]}"
    RAYON_NUM_THREADS=1 run "$o1" 1 "${ol[@]}"
    RAYON_NUM_THREADS=1 run "$f1" 0 "${fl[@]}"
    # Their exit statuses for invalid files vary (1, 3; xargs: 123); 124 and
    # above are xargs's and the shell's for a tool that could not run.
    if [ ${#jc[@]} -gt 0 ]; then run "$js" 123 "${jc[@]}"; fi
    if [ ${#cc[@]} -gt 0 ]; then run "$cj" 123 "${cc[@]}"; fi
  done
  local mo2 mo1 mf2 mf1
  mo2=$(median "$o2"); mo1=$(median "$o1"); mf2=$(median "$f2"); mf1=$(median "$f1")
  rows+=("| $name | $mo2 ms | $mf2 ms | **$(ratio "$mo2" "$mf2")** | $mo1 ms | $mf1 ms | $(ratio "$mo1" "$mf1") | $(peak "$o2") | $(peak "$f2") |")
  if [ -n "$files" ]; then
    lin+=("$(num "$files") files: $(per_k "$mo2" "$files") / $(per_k "$mo1" "$files") / $(per_k "$mf2" "$files") ms")
  fi
  # The external CLIs: time and ratio, then peak memory, "—" where not run.
  local row="| $name | $mo2 ms | $mf2 ms |" mem="" m
  if [ -n "$jscli" ]; then
    if [ -s "$js" ]; then
      m=$(median "$js"); row+=" $m ms$js_mark | $(ratio "$m" "$mf2") |"; mem+=" $(peak "$js") |"
    else
      row+=" — | — |"; mem+=" — |"
    fi
  fi
  if [ -n "$cjs" ]; then
    if [ -s "$cj" ]; then
      m=$(median "$cj"); row+=" $m ms | $(ratio "$m" "$mf2") |"; mem+=" $(peak "$cj") |"
    else
      row+=" — | — |"; mem+=" — |"
    fi
  fi
  ext_rows+=("$row$mem")
  echo "done: $name" >&2
}
per_k() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.1f", t * 1000 / n }'; }

echo "generating corpora in $work ..." >&2
"$gen" --files "$small" --out "$work/small" --seed 1
"$gen" --files "$mid" --out "$work/mid" --seed 1
"$gen" --files "$mid" --out "$work/mid-clean" --seed 1 --defects 0
"$gen" --jsonl "$lines" --out "$work/requests.jsonl" --seed 1
[ "$large" = 1 ] && "$gen" --files "$big" --out "$work/big" --seed 1
for dir in small mid mid-clean $([ "$large" = 1 ] && echo big); do
  corpus "$work/$dir"
done
one="$(find "$work/small" -name 'order-0000000.json')"
jsonl_mib=$(stat -c %s "$work/requests.jsonl" | awk '{ printf "%.0f", $1 / 1048576 }')

single=$(( reps * 4 + 1 ))
bench_case "one file, new process" "$single" file "$one"
bench_case "one file on stdin (editor)" "$single" stdin "$one"
bench_case "$(num "$small") files, 20 % with findings" "$reps" dir "$work/small" "$small"
bench_case "$(num "$mid") files, 20 % with findings" "$reps" dir "$work/mid" "$mid"
bench_case "$(num "$mid") files, clean" "$reps" dir "$work/mid-clean"
[ "$large" = 1 ] && bench_case "$(num "$big") files, 20 % with findings" "$reps" dir "$work/big" "$big"
bench_case "JSON Lines, $(num "$lines") requests ($jsonl_mib MiB)" "$reps" jsonl "$work/requests.jsonl"

echo
runs="$reps runs"; [ "$reps" = 1 ] && runs="1 run"
echo "$(nproc) cores, $(date -u +%Y-%m-%d), $runs per case ($single for one file), medians of wall time. orderlint and the floor run with RAYON_NUM_THREADS=2 and =1 (a single-threaded orderlint shows about the same time in both); peak memory is the largest max RSS of the 2-thread runs."
echo
echo "| case | orderlint, 2 threads | floor, 2 threads | orderlint ÷ floor | orderlint, 1 thread | floor, 1 thread | orderlint ÷ floor, 1 thread | orderlint peak memory | floor peak memory |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "Time per 1,000 files with 20 % findings (orderlint 2 threads / orderlint 1 thread / floor 2 threads): $(IFS=';'; echo "${lin[*]}" | sed 's/;/; /g')."

if [ -n "$jscli$cjs" ]; then
  head="| case | orderlint, 2 threads | floor, 2 threads |"
  rule="|---|---|---|"
  [ -n "$jscli" ] && { head+=" jsonschema-cli | jsonschema-cli ÷ floor |"; rule+="---|---|"; }
  [ -n "$cjs" ] && { head+=" check-jsonschema | check-jsonschema ÷ floor |"; rule+="---|---|"; }
  [ -n "$jscli" ] && { head+=" jsonschema-cli peak memory |"; rule+="---|"; }
  [ -n "$cjs" ] && { head+=" check-jsonschema peak memory |"; rule+="---|"; }
  echo
  echo "The same runs, against the JSON Schema CLIs (schema validation only, one process per case, as invoked in bench/run.sh's head):"
  echo
  echo "$head"
  echo "$rule"
  printf '%s\n' "${ext_rows[@]}"
  echo
  # How many times xargs started each tool on the 10,000 files (1,000 with --quick).
  invocations() { xargs -0 -s "$xargs_size" -a "$1" echo | wc -l; }
  if [ -n "$jscli" ]; then
    echo "- $("$jscli" --version 2>&1 | head -n 1): \`jsonschema-cli validate SCHEMA --no-assert-format --errors-only -i FILE...\` (stdin: \`-i -\`); for a folder through xargs, $(invocations "$work/mid-clean.all") invocation(s) for $(num "$mid") files."
    [ -s "$work/mid.json" ] && echo "- ¹ jsonschema-cli stops at the first file that is not JSON, so on corpora with findings it was given only the files that are JSON ($(num "$(count "$work/mid.json")") of $(num "$mid") at $(num "$mid") files)."
  fi
  if [ -n "$cjs" ]; then
    echo "- $("$cjs" --version 2>&1 | head -n 1): \`check-jsonschema --schemafile SCHEMA --disable-formats '*' FILE...\` (stdin: \`-\`); for a folder through xargs, $(invocations "$work/mid.all") invocation(s) for $(num "$mid") files."
  fi
  echo "- Neither reads JSON Lines (—)."
fi
