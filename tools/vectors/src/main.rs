//! `set-vectors [--check] [DIR]`: writes (or checks) the shared test vectors.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors"));
    let mut stale = Vec::new();
    for (name, value) in set_vectors::all() {
        let path = dir.join(name);
        let text = set_vectors::render(&value);
        if check {
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(name);
            }
        } else if let Err(err) = std::fs::write(&path, text) {
            eprintln!("cannot write {}: {err}", path.display());
            return ExitCode::FAILURE;
        }
    }
    if stale.is_empty() {
        println!("{} vector files {}", set_vectors::all().len(), if check { "are current" } else { "written" });
        ExitCode::SUCCESS
    } else {
        eprintln!("stale vector files (run `make vectors` and review the diff): {}", stale.join(", "));
        ExitCode::FAILURE
    }
}
