//! `set-vectors [--check]`: writes (or checks) the shared test vectors (`tests/vectors/*.json`)
//! and the receipt conformance suite (`tests/conformance/cases/*.json`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let check = std::env::args().skip(1).any(|a| a == "--check");
    let tests = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests");
    let vectors: Vec<(String, String)> = set_vectors::all()
        .into_iter()
        .map(|(name, value)| (format!("vectors/{name}"), set_vectors::render(&value)))
        .collect();
    let cases: Vec<(String, String)> = set_vectors::conformance_cases()
        .into_iter()
        .map(|(name, value)| (format!("conformance/cases/{name}"), set_vectors::render(&value)))
        .collect();
    let count = vectors.len() + cases.len();
    if check {
        let stale = set_vectors::stale_files(&tests);
        if stale.is_empty() {
            println!("{count} vector and conformance files are current");
            return ExitCode::SUCCESS;
        }
        eprintln!("stale files under tests/ (run `make vectors` and review the diff): {}", stale.join(", "));
        return ExitCode::FAILURE;
    }
    // A removed or renamed case must not leave its old file behind.
    let cases_dir = tests.join("conformance/cases");
    if let Err(err) = clear_json(&cases_dir) {
        eprintln!("cannot clear {}: {err}", cases_dir.display());
        return ExitCode::FAILURE;
    }
    for (name, text) in vectors.iter().chain(&cases) {
        if let Err(err) = std::fs::write(tests.join(name), text) {
            eprintln!("cannot write tests/{name}: {err}");
            return ExitCode::FAILURE;
        }
    }
    println!("{count} vector and conformance files written");
    ExitCode::SUCCESS
}

fn clear_json(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "json") {
            std::fs::remove_file(path)?;
        }
    }
    Ok(())
}
