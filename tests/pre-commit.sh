#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml, run by the real pre-commit.
#
# Installs pre-commit from PyPI into a throwaway virtualenv, makes a throwaway
# git repository with the request bodies of tests/cases/integrations, and runs
# `pre-commit try-repo <this checkout> HOOK --files FILE` for both hooks:
# `orderlint` (language: rust, which pre-commit builds from source with
# `cargo install`, so this takes minutes) and `orderlint-system` (language:
# system, with this checkout's debug build on PATH). Needs python3 with venv,
# git, cargo, and PyPI and crates.io reachable. Not part of `cargo test`
# because it builds the project again; .ci/run calls it.
#
# Usage: tests/pre-commit.sh    (prints `pre-commit: N passed, N failed`)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cases="$root/tests/cases/integrations"
work=$(mktemp -d "${TMPDIR:-/tmp}/orderlint-pre-commit.XXXXXX")
trap 'rm -rf "$work"' EXIT
start=$SECONDS

echo "pre-commit: installing pre-commit from PyPI into $work/venv"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
pre_commit="$work/venv/bin/pre-commit"
"$pre_commit" --version

# Everything pre-commit builds or caches stays in $work: a clean build, as a
# user's first commit gets, and nothing left behind.
export PRE_COMMIT_HOME="$work/pre-commit-home"
hook_target="$work/hook-target"

# The hooks as they are in this checkout, uncommitted changes included, at a
# fixed commit, so that the rust hook is built once for all the cases
# (try-repo would snapshot uncommitted changes anew, and rebuild, each time).
hooks_repo="$root"
if [ -n "$(git -C "$root" status --porcelain)" ]; then
  hooks_repo="$work/hooks-repo"
  git clone --quiet --no-checkout "$root" "$hooks_repo"
  # Every file that is tracked or not ignored, as it is on disk.
  (cd "$root" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf -) | tar -C "$hooks_repo" -xf -
  git -C "$hooks_repo" add -A
  git -C "$hooks_repo" -c user.name=orderlint -c user.email=test@orderlint.invalid \
    commit --quiet --allow-empty -m "the checkout under test, with its uncommitted changes"
  echo "pre-commit: the checkout has uncommitted changes; testing a snapshot of them"
fi
hooks_rev=$(git -C "$hooks_repo" rev-parse HEAD)

# The binary for the system hook: this checkout's debug build.
cargo build --locked --quiet --manifest-path "$root/Cargo.toml"
target_dir=$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
system_bin="$target_dir/debug"

# The repository a user commits to.
repo="$work/repo"
git init --quiet "$repo"
cp "$cases/good.json" "$cases/bad.json" "$cases/requests.jsonl" "$repo/"
# A legacy request that orderlint.toml excludes: pre-commit names it anyway,
# and `--force-exclude` keeps it out.
mkdir "$repo/legacy"
cp "$cases/bad.json" "$repo/legacy/old.json"
printf 'exclude = ["legacy/**"]\n' >"$repo/orderlint.toml"
# JSON with comments, as editors and tool chains write it: not requests, and
# left out by the hooks' own `exclude`.
mkdir "$repo/.vscode"
printf '{\n  // two spaces\n  "editor.tabSize": 2,\n}\n' >"$repo/.vscode/settings.json"
cp "$repo/.vscode/settings.json" "$repo/tsconfig.json"
git -C "$repo" add good.json bad.json requests.jsonl legacy/old.json orderlint.toml \
  .vscode/settings.json tsconfig.json

passed=0
failed=0

# try_hook HOOK FILES WANT_CODE TEXT...: runs the hook on FILES (separated
# by spaces); passes when pre-commit exits with WANT_CODE and its output
# contains every TEXT.
try_hook() {
  local hook=$1 file=$2 want=$3 files
  shift 3
  read -ra files <<<"$file"
  local out="$work/out.txt" code=0
  (
    cd "$repo"
    PATH="$system_bin:$PATH" CARGO_TARGET_DIR="$hook_target" \
      "$pre_commit" try-repo "$hooks_repo" "$hook" --ref "$hooks_rev" \
      --color never --files "${files[@]}"
  ) >"$out" 2>&1 || code=$?
  local ok=1 text
  [ "$code" -eq "$want" ] || ok=0
  for text in "$@"; do
    grep -qF -- "$text" "$out" || ok=0
  done
  if [ "$ok" -eq 1 ]; then
    passed=$((passed + 1))
    echo "ok: $hook on $file exits $code"
  else
    failed=$((failed + 1))
    echo "FAILED: $hook on $file: exit $code (want $want), expected output to contain: $*"
    sed 's/^/    /' "$out"
  fi
}

for hook in orderlint orderlint-system; do
  hook_start=$SECONDS
  # "Passed", not "(no files to check)Skipped": the file reached orderlint.
  try_hook "$hook" good.json 0 "Passed"
  try_hook "$hook" bad.json 1 "Failed" "amount-not-in-cents" "bad.json:6:13"
  # The second line of the JSON Lines file is the bad request.
  try_hook "$hook" requests.jsonl 1 "Failed" "amount-not-in-cents" "requests.jsonl:2:"
  try_hook "$hook" legacy/old.json 0 "Passed"
  try_hook "$hook" "tsconfig.json .vscode/settings.json" 0 "(no files to check)Skipped"
  echo "pre-commit: $hook took $((SECONDS - hook_start)) s"
done

echo "pre-commit: took $((SECONDS - start)) s in all"
echo "pre-commit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
