//! The JSON ABIs the npm package ships (`@setchain/core/contracts`: `setRegistryAbi`,
//! `setPaymasterAbi`, typed `as const` for viem) are the Solidity interfaces set-core's `sol!`
//! reads, `contracts/src/interfaces/ISetRegistry.sol` and `ISetPaymaster.sol`, rendered by the
//! same macro. `wasm/abi/*.json` are checked in so that `make wasm` needs no Rust tool beyond the
//! wasm build; this test fails when they differ from the interfaces, and `make wasm-abi`
//! (`SET_WRITE_ABI=1`) rewrites them.

use std::path::PathBuf;

mod registry {
    alloy_sol_types::sol!(
        #[sol(abi)]
        "../contracts/src/interfaces/ISetRegistry.sol"
    );
}

mod paymaster {
    alloy_sol_types::sol!(
        #[sol(abi)]
        "../contracts/src/interfaces/ISetPaymaster.sol"
    );
}

/// The checked-in text of a JSON ABI: pretty-printed, one trailing newline.
fn render(abi: &alloy_json_abi::JsonAbi) -> String {
    let mut text = serde_json::to_string_pretty(abi).expect("a JsonAbi serialises");
    text.push('\n');
    text
}

#[test]
fn the_shipped_json_abis_are_the_solidity_interfaces() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("abi");
    let write = std::env::var_os("SET_WRITE_ABI").is_some_and(|value| value == "1");
    let mut stale = Vec::new();
    for (name, abi) in [
        ("ISetRegistry.json", registry::ISetRegistry::abi::contract()),
        ("ISetPaymaster.json", paymaster::ISetPaymaster::abi::contract()),
    ] {
        let path = dir.join(name);
        let text = render(&abi);
        if write {
            std::fs::write(&path, &text).expect("wasm/abi is writable");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "wasm/abi/{stale:?} differ from contracts/src/interfaces (run `make wasm-abi` and review the diff)"
    );
}

#[test]
fn the_registry_abi_names_the_calls_the_sdk_makes() {
    let abi = registry::ISetRegistry::abi::contract();
    for function in ["getBatchCommitment", "getLatestStateRoot", "commitBatch", "getTenantStoreSummary"] {
        assert!(abi.functions.contains_key(function), "{function}");
    }
    assert!(abi.events.contains_key("BatchCommitted"));
}
