//! `set-anchor`: see the crate docs and `anchor/README.md`.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    set_anchor::startup::init_tracing();
    let config = set_anchor::config::AnchorConfig::parse();
    set_anchor::startup::run(config).await
}
