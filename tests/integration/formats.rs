//! `--format`, `--output-file` and `--statistics`: every format over the
//! same findings (`tests/cases/formats/` and a path that does not exist),
//! which give an error, a warning, an info, a span over several lines, a
//! message with `%`, `:` and `,`, a related place after a multi-byte
//! character, a clean file, a skipped file and an `io-error`.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::support::{code, root, run, shared, stdout};

const FORMATS: [&str; 6] = ["human", "concise", "json", "sarif", "github", "junit"];

/// The fixture run: the folder, and a path that does not exist.
fn check(extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "check",
        "tests/cases/formats",
        "tests/cases/formats/missing.json",
    ];
    args.extend_from_slice(extra);
    run(&root(), &args)
}

fn output(format: &str) -> String {
    let output = check(&["--format", format]);
    assert_eq!(code(&output), 2, "an io-error exits 2 in every format");
    stdout(&output)
}

fn sarif() -> Value {
    serde_json::from_str(&output("sarif")).expect("SARIF is JSON")
}

/// The SARIF text as written, with each rule descriptor cut down to its id,
/// so that the snapshot shows the results and not every rule's
/// documentation again (`sarif_describes_every_rule` checks the
/// descriptors).
fn sarif_without_rule_docs(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        if line.trim_start() != "\"rules\": [" {
            continue;
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        let close = format!("{indent}]");
        let descriptor = format!("{indent}    \"id\": ");
        for line in lines.by_ref() {
            if line.trim_end_matches(',') == close {
                out.push_str(line);
                out.push('\n');
                break;
            }
            if let Some(id) = line.strip_prefix(&descriptor) {
                out.push_str(&format!(
                    "{indent}  {{ \"id\": {} … }},\n",
                    id.trim_end_matches(',')
                ));
            }
        }
    }
    out
}

#[test]
fn human_snapshot() {
    insta::assert_snapshot!(output("human"));
}

#[test]
fn concise_snapshot() {
    insta::assert_snapshot!(output("concise"));
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!(output("json"));
}

#[test]
fn sarif_snapshot() {
    insta::assert_snapshot!(sarif_without_rule_docs(&output("sarif")));
}

#[test]
fn github_snapshot() {
    insta::assert_snapshot!(output("github"));
}

#[test]
fn junit_snapshot() {
    insta::assert_snapshot!(output("junit"));
}

/// `(path, rule, line)` of every finding, in output order, as each format
/// writes it.
fn order(format: &str) -> Vec<(String, String, Option<u64>)> {
    let text = output(format);
    match format {
        "json" => {
            let json: Value = serde_json::from_str(&text).unwrap();
            json["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    (
                        d["path"].as_str().unwrap().to_owned(),
                        d["rule"].as_str().unwrap().to_owned(),
                        d["range"]["start"]["line"].as_u64(),
                    )
                })
                .collect()
        }
        "sarif" => {
            let log: Value = serde_json::from_str(&text).unwrap();
            log["runs"][0]["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let location = &r["locations"][0]["physicalLocation"];
                    (
                        location["artifactLocation"]["uri"]
                            .as_str()
                            .unwrap()
                            .to_owned(),
                        r["ruleId"].as_str().unwrap().to_owned(),
                        location["region"]["startLine"].as_u64(),
                    )
                })
                .collect()
        }
        "concise" => text
            .lines()
            .filter(|line| !line.starts_with("Checked "))
            .map(|line| {
                let (place, rest) = line.split_once(": ").unwrap();
                let rule = &rest[rest.find('[').unwrap() + 1..rest.find(']').unwrap()];
                let mut parts = place.split(':');
                let path = parts.next().unwrap().to_owned();
                (
                    path,
                    rule.to_owned(),
                    parts.next().map(|l| l.parse().unwrap()),
                )
            })
            .collect(),
        "github" => text
            .lines()
            .map(|line| {
                let (_, properties) = line.split_once(' ').unwrap();
                let properties = properties.split_once("::").unwrap().0;
                let get = |key: &str| {
                    properties
                        .split(',')
                        .find_map(|p| p.strip_prefix(key)?.strip_prefix('='))
                        .map(str::to_owned)
                };
                let title = get("title").unwrap();
                let rule = title
                    .strip_prefix("orderlint (")
                    .and_then(|t| t.strip_suffix(')'))
                    .unwrap();
                (
                    get("file").unwrap(),
                    rule.to_owned(),
                    get("line").map(|l| l.parse().unwrap()),
                )
            })
            .collect(),
        "junit" => {
            let xml = roxmltree::Document::parse(&text).unwrap();
            xml.descendants()
                .filter(|n| n.has_tag_name("failure") || n.has_tag_name("error"))
                .map(|n| {
                    let case = n.parent().unwrap();
                    let name = case.attribute("name").unwrap();
                    let line = name
                        .split_once(" at ")
                        .map(|(_, at)| at.split(':').next().unwrap().parse().unwrap());
                    (
                        case.attribute("classname").unwrap().to_owned(),
                        n.attribute("type").unwrap().to_owned(),
                        line,
                    )
                })
                .collect()
        }
        other => panic!("no reader for {other}"),
    }
}

#[test]
fn every_format_renders_the_same_findings_in_the_same_order() {
    let expected = order("json");
    assert_eq!(expected.len(), 7, "{expected:#?}");
    for format in ["concise", "sarif", "github", "junit"] {
        assert_eq!(order(format), expected, "--format {format}");
    }
}

#[test]
fn no_format_contains_colour_codes() {
    for format in FORMATS {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_orderlint"));
        command
            .args(["check", "tests/cases/formats", "--format", format])
            .current_dir(root())
            .env_remove("NO_COLOR");
        // The machine formats have no colour even when it is asked for;
        // `human` has none when it is not (not a terminal).
        if format == "human" {
            command
                .env_remove("FORCE_COLOR")
                .env_remove("CLICOLOR_FORCE");
        } else {
            command.env("FORCE_COLOR", "1").env("CLICOLOR_FORCE", "1");
        }
        let text = stdout(&command.output().unwrap());
        assert!(!text.is_empty(), "--format {format}");
        assert!(!text.contains('\u{1b}'), "--format {format}:\n{text}");
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    assert_eq!(path, shared().join("schemas/sarif-schema-2.1.0.json"));
    let schema: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    // The schema is draft-04 (`id`, `$schema` draft-04 with only local
    // `$ref`s), whose metaschema jsonschema bundles: nothing is fetched.
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles offline");
    let log = sarif();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does catch a broken log.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(!validator.is_valid(&broken));
    // Draft-04 knows no `uri-reference` format, so the schema's
    // `"format": "uri-reference"` is not checked above: check it with draft 7.
    let uri_reference = uri_reference();
    assert!(!uri_reference.is_valid(&Value::from("a b:c%")));
    for result in log["runs"][0]["results"].as_array().unwrap() {
        let uri = &result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        assert!(uri_reference.is_valid(uri), "{uri}");
    }
}

/// Checks the `uri-reference` format of RFC 3986.
fn uri_reference() -> jsonschema::Validator {
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&serde_json::json!({ "format": "uri-reference" }))
        .unwrap()
}

#[test]
fn sarif_describes_every_rule() {
    let log = sarif();
    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["tool"]["driver"]["name"], "orderlint");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let metas: Vec<_> = orderlint::rules::metas().collect();
    assert_eq!(
        rules.len(),
        metas.len() + 2,
        "every rule, io-error and unused-suppression"
    );
    assert_eq!(rules[metas.len()]["id"], "io-error");
    assert_eq!(rules[metas.len() + 1]["id"], "unused-suppression");
    for (rule, meta) in rules.iter().zip(&metas) {
        assert_eq!(rule["id"], meta.name);
        assert_eq!(rule["shortDescription"]["text"], meta.summary);
        let level = match meta.default_severity {
            orderlint::Severity::Error => "error",
            orderlint::Severity::Warning => "warning",
            orderlint::Severity::Info => "note",
        };
        assert_eq!(
            rule["defaultConfiguration"]["level"], level,
            "{}",
            meta.name
        );
        let explanation = meta.explanation();
        assert_eq!(rule["help"]["markdown"], explanation.trim_end());
        let help_text = rule["help"]["text"].as_str().unwrap();
        assert!(!help_text.contains("## ") && !help_text.contains("```"));
        let full = rule["fullDescription"]["markdown"].as_str().unwrap();
        assert!(
            !full.is_empty() && explanation.contains(full),
            "{}",
            meta.name
        );
    }
    assert_eq!(rules[metas.len()]["id"], "io-error");
    // Each result points at its rule.
    for result in run["results"].as_array().unwrap() {
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn sarif_levels_regions_and_io_errors() {
    let log = sarif();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let by_rule = |rule: &str| results.iter().find(|r| r["ruleId"] == rule).unwrap();
    assert_eq!(by_rule("lifetime-as-string")["level"], "note");
    assert_eq!(by_rule("insecure-url")["level"], "warning");
    let io = by_rule("io-error");
    assert_eq!(io["level"], "error");
    let location = &io["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "tests/cases/formats/missing.json"
    );
    assert!(location.get("region").is_none(), "{location}");
    // The related place after `Zoë` counts `ë` as one column.
    let padding = by_rule("whitespace-padding");
    let line = fs::read_to_string(root().join("tests/cases/formats/bad.json")).unwrap();
    let line = line.lines().nth(5).unwrap();
    let column = line[..line.rfind(" \"").unwrap() + 1].chars().count();
    assert_eq!(
        padding["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"],
        column
    );
}

/// Lints `text` as `orders/a.json` in a fresh folder and returns the SARIF
/// results.
fn sarif_results_for(text: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("orders")).unwrap();
    fs::write(dir.path().join("orders/a.json"), text).unwrap();
    let output = run(
        dir.path(),
        &["check", "./orders/a.json", "--format", "sarif"],
    );
    let log: Value = serde_json::from_str(&stdout(&output)).unwrap();
    log["runs"][0]["results"].as_array().unwrap().clone()
}

#[test]
fn sarif_fingerprints_survive_reformatting() {
    let pretty = fs::read_to_string(root().join("tests/cases/formats/bad.json")).unwrap();
    let value: Value = serde_json::from_str(&pretty).unwrap();
    // On one line, and with the keys in another (sorted) order.
    let minified = serde_json::to_string(&value).unwrap();
    let by_rule = |results: Vec<Value>| {
        let mut results = results;
        results.sort_by_key(|r| r["ruleId"].as_str().unwrap().to_owned());
        results
    };
    let before = by_rule(sarif_results_for(&pretty));
    let after = by_rule(sarif_results_for(&minified));
    assert_eq!(before.len(), 5);
    assert_eq!(before.len(), after.len());
    let key = |r: &Value| r["partialFingerprints"]["orderlint/v1"].clone();
    let region = |r: &Value| r["locations"][0]["physicalLocation"]["region"].clone();
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b["ruleId"], a["ruleId"]);
        assert_ne!(region(b), region(a), "the file was reformatted");
        assert_eq!(key(b), key(a), "{}", b["ruleId"]);
        assert_eq!(
            b["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "orders/a.json",
            "a leading ./ is dropped"
        );
    }
    let mut keys: Vec<String> = before.iter().map(|r| key(r).to_string()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(
        keys.len(),
        before.len(),
        "each finding has its own fingerprint"
    );
}

/// A file whose name needs escaping in every format: `%`, `:`, `,`, a line
/// feed, XML markup, quotes and a control character.
#[cfg(unix)]
fn awkward_name_run(format: &str) -> (String, String) {
    let name = "100%: a,b\n<&>\"'\u{1}.json";
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(name),
        fs::read(root().join("tests/cases/formats/bad.json")).unwrap(),
    )
    .unwrap();
    let output = run(dir.path(), &["check", name, "--format", format]);
    assert_eq!(code(&output), 1);
    (name.to_owned(), stdout(&output))
}

#[cfg(unix)]
#[test]
fn github_escapes_percent_colon_comma_and_newlines() {
    let (_, text) = awkward_name_run("github");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "one command per finding:\n{text}");
    assert_eq!(
        lines[3],
        "::warning file=100%25%3A a%2Cb%0A<&>\"'\u{1}.json,line=10,col=5,endLine=10,\
         endColumn=24,title=orderlint (unknown-field)::unknown field `cost:center,code%25` \
         in `customer`"
    );
    for line in lines {
        assert!(line.starts_with("::"), "{line}");
    }
}

#[cfg(unix)]
#[test]
fn sarif_encodes_a_path_as_a_uri_reference() {
    let (_, text) = awkward_name_run("sarif");
    let log: Value = serde_json::from_str(&text).unwrap();
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "100%25%3A%20a,b%0A%3C&%3E%22'%01.json");
    assert!(uri_reference().is_valid(uri));
}

#[cfg(unix)]
#[test]
fn concise_keeps_one_line_per_finding() {
    let (_, text) = awkward_name_run("concise");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(
        lines[0].starts_with("100%: a,b\\n<&>\"'\u{1}.json:4:15: error[schema] "),
        "{}",
        lines[0]
    );
}

#[cfg(unix)]
#[test]
fn junit_escapes_markup_quotes_and_forbidden_characters() {
    let (name, text) = awkward_name_run("junit");
    let xml = roxmltree::Document::parse(&text).expect("well-formed XML");
    let suite = xml
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    // U+0001 cannot appear in XML 1.0 at all; everything else survives.
    assert_eq!(
        suite.attribute("name").unwrap(),
        name.replace('\u{1}', "\u{fffd}")
    );
    let failure = xml
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert!(
        failure.text().unwrap().starts_with(&format!(
            "{}:4:15-4:20: ",
            name.replace('\u{1}', "\u{fffd}")
        )),
        "{:?}",
        failure.text()
    );
}

#[test]
fn junit_counts_and_lists_every_file() {
    let text = output("junit");
    let xml = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root_element = xml.root_element();
    assert_eq!(root_element.tag_name().name(), "testsuites");
    let count = |attribute: &str| root_element.attribute(attribute).unwrap().to_owned();
    // bad: 5 failures; multi-line: 1; missing: 1 error; clean: 1 passing;
    // not-an-order: 1 skipped.
    assert_eq!(
        [
            count("tests"),
            count("failures"),
            count("errors"),
            count("skipped")
        ],
        ["9", "6", "1", "1"]
    );
    let suites: Vec<&str> = root_element
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.attribute("name").unwrap())
        .collect();
    assert_eq!(
        suites,
        [
            "tests/cases/formats/bad.json",
            "tests/cases/formats/clean.json",
            "tests/cases/formats/missing.json",
            "tests/cases/formats/multi-line.json",
            "tests/cases/formats/not-an-order.json",
        ]
    );
    // A clean run is still a report with a passing test.
    let clean = run(
        &root(),
        &[
            "check",
            "tests/cases/formats/clean.json",
            "--format",
            "junit",
        ],
    );
    assert_eq!(code(&clean), 0);
    let clean = stdout(&clean);
    let xml = roxmltree::Document::parse(&clean).unwrap();
    let cases: Vec<_> = xml
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 1);
    assert!(cases[0].children().all(|c| !c.is_element()), "{clean}");
}

#[test]
fn output_file_holds_what_stdout_would() {
    let dir = tempfile::tempdir().unwrap();
    for format in FORMATS {
        let path = dir
            .path()
            .join("reports")
            .join(format!("orderlint.{format}"));
        let path_text = path.to_str().unwrap();
        let output = check(&["--format", format, "--output-file", path_text]);
        assert_eq!(code(&output), 2, "the exit code is the findings', {format}");
        assert_eq!(stdout(&output), "", "nothing on stdout, {format}");
        assert_eq!(fs::read_to_string(&path).unwrap(), self::output(format));
    }
    // Written again, the file is replaced, and no temporary file is left.
    let path = dir.path().join("reports/orderlint.concise");
    fs::write(
        &path,
        "old report that is longer than the new one\n".repeat(100),
    )
    .unwrap();
    let output = run(
        &root(),
        &[
            "check",
            "tests/cases/formats/clean.json",
            "--format",
            "concise",
            "--output-file",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&output), 0);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "Checked 1 file: 0 errors, 0 warnings, 0 infos\n"
    );
    let mut names: Vec<String> = fs::read_dir(dir.path().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let expected: Vec<String> = {
        let mut v: Vec<String> = FORMATS.iter().map(|f| format!("orderlint.{f}")).collect();
        v.sort();
        v
    };
    assert_eq!(names, expected);
}

#[test]
fn output_file_that_cannot_be_written_is_a_tool_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("taken")).unwrap();
    let output = run(
        dir.path(),
        &[
            "check",
            &root()
                .join("tests/cases/formats/clean.json")
                .display()
                .to_string(),
            "--output-file",
            "taken",
        ],
    );
    assert_eq!(code(&output), 2);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("error: cannot write the report to `taken`: "),
        "{stderr}"
    );
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["taken"], "no temporary file is left behind");
}

#[test]
fn statistics_text() {
    for format in ["human", "concise", "github"] {
        let output = check(&["--statistics", "--format", format]);
        assert_eq!(code(&output), 2, "the exit code is the findings'");
        assert_eq!(
            stdout(&output),
            "2  schema              error\n\
             1  insecure-url        warning\n\
             1  io-error            error\n\
             1  lifetime-as-string  info\n\
             1  unknown-field       warning\n\
             1  whitespace-padding  warning\n\
             Checked 3 files, skipped 1 (not an order request), could not read 1: \
             3 errors, 3 warnings, 1 info\n",
            "--format {format}"
        );
    }
}

#[test]
fn statistics_json() {
    let output = check(&["--statistics", "--format", "json"]);
    assert_eq!(code(&output), 2);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn statistics_has_no_sarif_or_junit_form() {
    for format in ["sarif", "junit"] {
        let output = check(&["--statistics", "--format", format]);
        assert_eq!(code(&output), 2);
        assert_eq!(stdout(&output), "");
        assert_eq!(
            String::from_utf8(output.stderr).unwrap(),
            format!(
                "error: --statistics has no `{format}` form; use it with --format human, \
                 concise, github or json\n"
            )
        );
    }
}
