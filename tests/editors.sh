#!/usr/bin/env bash
# The editor snippets of docs/integrations.md, run by the editors' own engines
# against orderlint's real output:
# - the Vim compiler plugin (makeprg and errorformat) in Vim: `:make` fills
#   the quickfix list, and `:cc N` must land on each finding's line and
#   character;
# - the VS Code problem matcher's regexp in Node.js (VS Code's JavaScript
#   engine): each `--format concise` line must give the finding's fields;
# - the VS Code `json.schemas` setting in vscode-json-languageservice (the
#   library of VS Code's JSON support, from the npm registry), with the
#   schema that `orderlint schema` prints: the bad request is flagged at its
#   `amount`, the good one and a file the setting does not match are not.
# Every finding is compared with `--format json` of the same run.
#
# Needs vim, node and npm (all on the CI image), cargo, and the npm registry.
# Takes a few seconds. Usage: tests/editors.sh   (prints `editors: N passed, N failed`)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/orderlint-editors.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$root"

for tool in vim node npm python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "editors: error: \`$tool\` is not installed (apt-get install vim nodejs npm python3)" >&2
    exit 1
  fi
done

cargo build --locked --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
export PATH="$target_dir/debug:$PATH"

# The snippets, taken from the documentation as written.
python3 - "$work" <<'EOF'
import pathlib, re, sys
work = pathlib.Path(sys.argv[1])
doc = pathlib.Path("docs/integrations.md").read_text(encoding="utf-8")
blocks = re.findall(r"^```(\w*)\n(.*?)^```$", doc, re.S | re.M)
def block(lang, marker):
    found = [text for l, text in blocks if l == lang and marker in text]
    if len(found) != 1:
        sys.exit(f"editors: docs/integrations.md has {len(found)} ```{lang} blocks with {marker!r}")
    return found[0]
(work / "vim/compiler").mkdir(parents=True)
(work / "vim/compiler/orderlint.vim").write_text(block("vim", "errorformat"))
(work / "tasks.json").write_text(block("json", "problemMatcher"))
(work / "settings.json").write_text(block("json", "json.schemas"))
EOF

# The inputs: errors, warnings and infos, a finding after non-ASCII text on
# its line (tests/cases/mixed/bad.json, line 6), a file that is not JSON,
# and a JSON Lines file.
inputs=(tests/cases/mixed tests/cases/integrations fixtures/lifetime-as-string/fail)
orderlint check --format json "${inputs[@]}" >"$work/expected.json" || [ $? -eq 1 ]
orderlint check --format concise "${inputs[@]}" >"$work/concise.txt" || [ $? -eq 1 ]

passed=0
failed=0
report() { # report NAME STATUS
  if [ "$2" -eq 0 ]; then
    passed=$((passed + 1))
    echo "ok: $1"
  else
    failed=$((failed + 1))
    echo "FAILED: $1"
  fi
}

# --- Vim -----------------------------------------------------------------
cat >"$work/vim-test.vim" <<'EOF'
compiler orderlint
execute 'silent make! ' . g:inputs
let g:entries = []
let g:n = 0
for g:item in getqflist()
  let g:n += 1
  if !g:item.valid
    continue
  endif
  execute 'silent cc ' . g:n
  call add(g:entries, {'path': bufname(g:item.bufnr), 'line': line('.'),
        \ 'column': charcol('.'), 'type': g:item.type, 'text': g:item.text})
endfor
call writefile([json_encode(g:entries)], g:out)
qall!
EOF
status=0
vim -Nu NONE -i NONE -n -es --cmd "set rtp^=$work/vim" \
  --cmd "let g:inputs = '${inputs[*]}'" --cmd "let g:out = '$work/vim.json'" \
  -S "$work/vim-test.vim" </dev/null >"$work/vim.log" 2>&1 || status=$?
if [ "$status" -eq 0 ]; then
  python3 - "$work" <<'EOF' || status=$?
import json, pathlib, sys
work = pathlib.Path(sys.argv[1])
expected = [
    {"path": d["path"], "line": d["range"]["start"]["line"],
     "column": d["range"]["start"]["column"], "type": d["severity"][0].upper(),
     "text": f"[{d['rule']}] {d['message']}"}
    for d in json.loads((work / "expected.json").read_text())["diagnostics"]
]
got = json.loads((work / "vim.json").read_text())
for entry in got:
    entry["type"] = entry["type"].upper()
if got != expected:
    for e, g in zip(expected, got):
        if e != g:
            print(f"  expected {e}\n  vim gave  {g}")
    print(f"  {len(expected)} findings, {len(got)} quickfix entries")
    sys.exit(1)
print(f"  {len(got)} quickfix entries, each at its finding's line and character")
EOF
fi
report "vim: the compiler plugin's errorformat, with :make and :cc" "$status"

# --- VS Code problem matcher (Node.js) ----------------------------------
status=0
node - "$work" <<'EOF' || status=$?
const fs = require("fs");
const path = require("path");
const work = process.argv[2];
const task = JSON.parse(fs.readFileSync(path.join(work, "tasks.json"), "utf8")).tasks[0];
const pattern = task.problemMatcher.pattern;
const regexp = new RegExp(pattern.regexp);
const expected = JSON.parse(fs.readFileSync(path.join(work, "expected.json"), "utf8"))
  .diagnostics.map((d) => ({
    file: d.path, line: String(d.range.start.line), column: String(d.range.start.column),
    severity: d.severity, code: d.rule, message: d.message,
  }));
const lines = fs.readFileSync(path.join(work, "concise.txt"), "utf8").split("\n");
const got = [];
for (const line of lines) {
  const m = regexp.exec(line);
  if (m) {
    const fields = {};
    for (const key of ["file", "line", "column", "severity", "code", "message"]) {
      fields[key] = m[pattern[key]];
    }
    got.push(fields);
  }
}
const a = JSON.stringify(expected), b = JSON.stringify(got);
if (a !== b) {
  console.log("  expected", a, "\n  matched ", b);
  process.exit(1);
}
console.log(`  ${got.length} of ${lines.filter((l) => l).length} lines matched (the summary line not), every field right`);
EOF
report "vscode: the problem matcher's regexp on --format concise" "$status"

# --- VS Code json.schemas (vscode-json-languageservice) -----------------
status=0
mkdir -p "$work/npm" "$work/workspace/requests" "$work/workspace/elsewhere"
(cd "$work/npm" && npm install --silent --no-audit --no-fund --no-save \
  vscode-json-languageservice@5 >/dev/null) || status=$?
orderlint schema >"$work/workspace/orders.schema.json"
cp tests/cases/integrations/good.json tests/cases/integrations/bad.json "$work/workspace/requests/"
cp tests/cases/integrations/bad.json "$work/workspace/elsewhere/"
if [ "$status" -eq 0 ]; then
  NODE_PATH="$work/npm/node_modules" node - "$work" <<'EOF' || status=$?
const fs = require("fs");
const path = require("path");
const { pathToFileURL, fileURLToPath } = require("url");
const ls = require("vscode-json-languageservice");
const work = process.argv[2];
const folder = pathToFileURL(path.join(work, "workspace")).href + "/";
const settings = JSON.parse(fs.readFileSync(path.join(work, "settings.json"), "utf8"));
// VS Code resolves a relative `url` against the workspace folder.
const schemas = settings["json.schemas"].map((s) => ({
  uri: new URL(s.url, folder).href, fileMatch: s.fileMatch, folderUri: folder,
}));
const service = ls.getLanguageService({
  schemaRequestService: (uri) => Promise.resolve(fs.readFileSync(fileURLToPath(uri), "utf8")),
});
service.configure({ validate: true, allowComments: false, schemas });
async function diagnostics(relative) {
  const uri = new URL(relative, folder).href;
  const text = fs.readFileSync(fileURLToPath(uri), "utf8");
  const doc = ls.TextDocument.create(uri, "json", 1, text);
  return service.doValidation(doc, service.parseJSONDocument(doc), { schemaValidation: "error" });
}
(async () => {
  let ok = true;
  const good = await diagnostics("requests/good.json");
  const bad = await diagnostics("requests/bad.json");
  const elsewhere = await diagnostics("elsewhere/bad.json");
  const show = (ds) => JSON.stringify(ds.map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.message]));
  if (good.length !== 0) { ok = false; console.log("  good.json:", show(good)); }
  // bad.json: `"amount": 49.95` on line 6, column 13.
  if (!(bad.length === 1 && bad[0].range.start.line === 5 && bad[0].range.start.character === 12)) {
    ok = false; console.log("  bad.json:", show(bad));
  }
  if (elsewhere.length !== 0) { ok = false; console.log("  elsewhere/bad.json (not matched):", show(elsewhere)); }
  if (!ok) process.exit(1);
  console.log(`  requests/bad.json: ${show(bad)}; requests/good.json and elsewhere/bad.json: none`);
})().catch((e) => { console.log(e); process.exit(1); });
EOF
fi
report "vscode: json.schemas with the bundled schema" "$status"

echo "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
