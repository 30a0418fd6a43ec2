//! What unit tests share: the files they read.

use std::path::{Path, PathBuf};

/// Every file of the bundled fixtures and of MultiSafepay's published
/// examples (`../shared/examples`), sorted.
pub fn fixtures_and_examples() -> Vec<PathBuf> {
    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("fixtures"), &mut paths);
    files(&root.join("../shared/examples"), &mut paths);
    paths.sort();
    paths
}
