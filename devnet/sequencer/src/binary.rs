//! Finding the `set-dev-sequencer` executable from another package's tests or tools, where
//! cargo's `CARGO_BIN_EXE_*` variables (set only for the package's own tests) are not there.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The binary's name.
pub const NAME: &str = "set-dev-sequencer";

/// Builds `set-dev-sequencer` (once per process; cargo makes it a no-op when it is current) and
/// returns its path, `<target dir>/<profile>/set-dev-sequencer`.
///
/// The target directory is `CARGO_TARGET_DIR` when set, otherwise the one the running
/// executable was built into (a test binary lives in `<target dir>/<profile>/deps/`), so the
/// build shares the caller's compiled dependencies. Cargo is `$CARGO` (set when cargo runs the
/// caller), else `cargo` on `PATH`.
///
/// # Errors
/// A one-line description when cargo cannot be run or the build fails.
pub fn built() -> Result<PathBuf, String> {
    static BUILT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    BUILT.get_or_init(build).clone()
}

/// The directory of the running executable's profile (`…/target/debug`), if it is in a cargo
/// target directory.
fn own_profile_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?;
    let dir = if dir.file_name().is_some_and(|name| name == "deps") { dir.parent()? } else { dir };
    Some(dir.to_path_buf())
}

fn build() -> Result<PathBuf, String> {
    let own = own_profile_dir();
    let profile_dir_name =
        own.as_deref().and_then(Path::file_name).and_then(|name| name.to_str()).unwrap_or("debug").to_owned();
    let target_dir = match std::env::var_os("CARGO_TARGET_DIR").filter(|dir| !dir.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => own
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target")),
    };
    let profile = if profile_dir_name == "debug" { "dev".to_owned() } else { profile_dir_name.clone() };
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(&cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["build", "--quiet", "-p", NAME, "--bin", NAME, "--profile", &profile, "--target-dir"])
        .arg(&target_dir)
        .status()
        .map_err(|err| format!("cannot run {}: {err}", Path::new(&cargo).display()))?;
    if !status.success() {
        return Err(format!("`cargo build -p {NAME}` failed ({status})"));
    }
    let path = target_dir.join(profile_dir_name).join(NAME);
    if path.exists() {
        Ok(path)
    } else {
        Err(format!("{} missing after `cargo build -p {NAME}`", path.display()))
    }
}
