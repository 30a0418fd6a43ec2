//! Deterministic, seeded generator of realistic `POST /orders` request
//! corpora for the benchmark.
//!
//! ```text
//! gen --files N --out DIR [--seed S] [--defects PCT]
//! gen --jsonl N --out FILE [--seed S] [--defects PCT]
//! ```
//!
//! Files go in nested folders (`DIR/shop-XX/2026-MM/order-NNNNNNN.json`),
//! pretty-printed, about 1.7 KB each. JSON Lines go one compact request per
//! line. `--defects` (default 20) is the percentage of documents with one
//! typical defect, spread evenly over: a string amount, a description over
//! 200 characters, a typo'd key, Second Chance with a one-day lifetime, and
//! a trailing comma. The same seed gives byte-identical output. The requests
//! themselves are built in the library (`src/lib.rs`).

use std::io::Write as _;
use std::path::PathBuf;

use orderlint_bench::request;

fn usage() -> ! {
    eprintln!("usage: gen (--files N | --jsonl N) --out PATH [--seed S] [--defects PCT]");
    std::process::exit(2)
}

fn main() -> std::io::Result<()> {
    let mut files = None;
    let mut jsonl = None;
    let mut out = None;
    let mut seed = 1u64;
    let mut defects = 20u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        let number = |v: String| v.parse::<u64>().unwrap_or_else(|_| usage());
        match arg.as_str() {
            "--files" => files = Some(number(value())),
            "--jsonl" => jsonl = Some(number(value())),
            "--out" => out = Some(PathBuf::from(value())),
            "--seed" => seed = number(value()),
            "--defects" => defects = number(value()).min(100),
            _ => usage(),
        }
    }
    let Some(out) = out else { usage() };
    match (files, jsonl) {
        (Some(count), None) => {
            for i in 0..count {
                let dir = out
                    .join(format!("shop-{:02}", i % 16))
                    .join(format!("2026-{:02}", 1 + (i / 16) % 12));
                if i < 16 * 12 {
                    std::fs::create_dir_all(&dir)?;
                }
                let mut text = request(seed, i, defects, true);
                text.push('\n');
                std::fs::write(dir.join(format!("order-{i:07}.json")), text)?;
            }
        }
        (None, Some(count)) => {
            if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)?;
            }
            let mut writer = std::io::BufWriter::new(std::fs::File::create(&out)?);
            for i in 0..count {
                writer.write_all(request(seed, i, defects, false).as_bytes())?;
                writer.write_all(b"\n")?;
            }
            writer.flush()?;
        }
        _ => usage(),
    }
    Ok(())
}
