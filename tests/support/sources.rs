//! The crate's own source files, for the tests that hold whole folders to an absence (no
//! bevy in the motion core, no game in the config and logs).

use std::path::{Path, PathBuf};

/// Every `.rs` file under the given paths (folders, walked, or single files), relative to the
/// crate's root.
pub fn rust_files(paths: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap() {
                stack.push(entry.unwrap().path());
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}
