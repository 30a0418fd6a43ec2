//! The parse-and-validate floor of issue 5: a yardstick, not a feature.
//!
//! ```text
//! floor DIR          every *.json file under DIR
//! floor FILE.jsonl   one document per non-blank line, streamed
//! floor FILE         one document
//! ```
//!
//! Each document is parsed with serde_json and validated with jsonschema
//! against orderlint's bundled schema (compiled once, shared by all threads),
//! in parallel with rayon. No spans, no rules, no rendering: it prints only
//! the number of invalid documents (not JSON, or not valid by the schema).
//! `RAYON_NUM_THREADS` sets the number of threads.

use std::io::BufRead as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// Lines handed to rayon at a time: bounded memory, enough work per batch.
const BATCH: usize = 4096;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

fn invalid(validator: &jsonschema::Validator, bytes: &[u8]) -> bool {
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(value) => !validator.is_valid(&value),
        Err(_) => true,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(target) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: floor DIR | floor FILE.jsonl");
        std::process::exit(2);
    };
    let schema: serde_json::Value = serde_json::from_str(orderlint::schema::SCHEMA_TEXT)?;
    let validator = jsonschema::draft202012::new(&schema)?;
    let count = if target.is_dir() {
        let mut files = Vec::new();
        walk(&target, &mut files)?;
        files
            .par_iter()
            .map(|path| match std::fs::read(path) {
                Ok(bytes) => usize::from(invalid(&validator, &bytes)),
                Err(_) => 1,
            })
            .sum::<usize>()
    } else if !target
        .extension()
        .is_some_and(|e| e == "jsonl" || e == "ndjson")
    {
        usize::from(invalid(&validator, &std::fs::read(&target)?))
    } else {
        let mut reader = std::io::BufReader::new(std::fs::File::open(&target)?);
        let mut batch: Vec<Vec<u8>> = Vec::with_capacity(BATCH);
        let mut count = 0;
        loop {
            let mut line = Vec::new();
            let done = reader.read_until(b'\n', &mut line)? == 0;
            if !done && !line.iter().all(u8::is_ascii_whitespace) {
                batch.push(line);
            }
            if batch.len() == BATCH || (done && !batch.is_empty()) {
                count += batch
                    .par_iter()
                    .map(|line| usize::from(invalid(&validator, line)))
                    .sum::<usize>();
                batch.clear();
            }
            if done {
                break count;
            }
        }
    };
    println!("{count}");
    Ok(())
}
