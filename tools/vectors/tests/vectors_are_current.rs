//! The checked-in vectors are exactly what the core produces now, and the sequencer's signed
//! three-event batch (reference vectors 5.4.4, docs/protocol.md#544-three-event-batch) reproduces
//! in them.

use std::path::PathBuf;

#[test]
fn vectors_and_conformance_cases_are_current() {
    let tests = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests");
    let stale = set_vectors::stale_files(&tests);
    assert!(stale.is_empty(), "stale under tests/ (run `make vectors` and review the diff): {stale:?}");
}

#[test]
fn the_conformance_suite_has_at_least_sixty_cases_of_every_kind() {
    let cases = set_vectors::conformance_cases();
    assert!(cases.len() >= 60, "{}", cases.len());
    let kinds = |prefix: &str| cases.iter().filter(|(name, _)| name.starts_with(prefix)).count();
    for prefix in ["valid-", "tamper-", "mix-", "key-", "anchor-", "onchain-", "error-"] {
        assert!(kinds(prefix) > 0, "no {prefix} case");
    }
}

#[test]
fn signed_reference_batch_reproduces_5_4_4() {
    let ves: serde_json::Value = set_vectors::all().into_iter().find(|(n, _)| *n == "ves.json").unwrap().1;
    let expected = [
        (
            "0x86ec881fb6208f40b01b4603540fca3bd80418a75762be3aacf20daab1ed7b2283fdf8f0b351e9a4c41fa091ce85823fca3d30a34b216205d4053c239830a60f",
            "0x68b9fe9510c1c1fdb3c9ba915f3b74285a45cb3836e9773b2f2aeece5183ba5e",
            "0x89ea9ba0fa2486ed180c54e7c4e69751615e773226302e34e6c923a99f33a0ce",
            "0xc4a931706e45ac3a0b6acb4e8ac25f1cd79e54b2787dd76322e6dcf5b7fbe9b8",
        ),
        (
            "0x8e5cdd3d83bd56dd8db4eeba6ac5740179de5f6060865a8e27ded86918ea1a883f4c27b432167f1ac134dcf5f2382cee789d915e3f5a868d181f7ad82efa0c0b",
            "0xb4915acbd0bf28bd2bf1f87aade693475a225cd53e30c69456c46d0602baf24c",
            "0x8a35643b2912b8d555ff328122907793c596416b906eb8b843c0eba4790f8772",
            "0x2b6f4677c6e3c65a47dafdc19dc79a8ef0d1cb238e7f0891281a27941d3effdd",
        ),
        (
            "0x312b60911ac4da64c9a903463634f89552eb5ed65eae94830ccc01f60108563199634b9d088c264f1348b144889272e76c43bb9e75dd04b018fbdb0f0949760f",
            "0x3772d0cff4d435864f2c4b5ee42958fe3e2b7c3cf7f0bc507ab06e190535bc8d",
            "0x033bde3ad43413c787396580d3df37a533227994e6819cddce990dc8025824ff",
            "0xb0ac1333a74da7a7d683c52172f85e0f2a3fafecf537e9d055f1c3b46d16aeca",
        ),
    ];
    let payload_hashes = [
        "0xe00131bf2f234a7a4e09ab938bbc9d3b65a4ec26f0d4c0575f27e30a06afdfd3",
        "0x4e8d6b09f5a4008a78d0dd772a0c04ec8b2348802457ff53933aecc679060652",
        "0x509a3ba425494f651e49aa690b32aba7b86127b406b2280e52bb548639d5e11e",
    ];
    for (k, (signature, signing_hash, leaf, receipt_hash)) in expected.iter().enumerate() {
        let event = &ves["events"][k];
        assert_eq!(event["event"]["agent_signature"], *signature, "event {k}");
        assert_eq!(event["event"]["payload_plain_hash"], payload_hashes[k], "event {k}");
        assert_eq!(event["event_signing_hash"], *signing_hash, "event {k}");
        assert_eq!(event["leaf_hash"], *leaf, "event {k}");
        assert_eq!(event["receipt_hash"], *receipt_hash, "event {k}");
    }
    assert_eq!(ves["batch"]["merkle_root"], "0xed713ebe24ca54ded61727699af12214ee4e1a1d6744b7d43c01d1dde9441222");
    assert_eq!(ves["batch"]["new_state_root"], "0x2252d08d5c225885f37a346ec44b1782c791ea48780174821885604d8103a40c");
    assert_eq!(ves["batch"]["proofs"][0][1], "0x9c42c1ba979f511e3a748229971f0b4e77e6e55759c48b7551bd650da17ae34e");
    // The E1 receipt signature (reference vectors 5.4.2): RFC 8032 key 2 over receipt_hash seq 1.
    let e1_receipt =
        set_core::encoding::decode_b256("r", "17d005448b9588871be3beecbb5b6858ffe6fa63d6aa7675d0acb02e15bd2ca1")
            .unwrap();
    assert_eq!(
        set_core::encoding::encode_hex(&set_core::ves::signing::sign(&set_vectors::SEQUENCER_SEED, &e1_receipt)),
        "0x7a91f7f233e66b60f2c06ad0db9ac13b15e5e4f210e183d7b177c7db0160cb371e0df3fd989c5d46322e4fda99550c062269a7ba7017aec2649cffd52d6ada02"
    );
}
