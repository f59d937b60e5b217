use super::interface::{event_shape, every_item_from_default, every_return_from_default};
use super::reverts::MAX_REVERT_NESTING;
use super::*;
use crate::abi::test_support::{call_pin, check_decoded_forms, check_pins, error_pin, event_pin, inherited_pins};
use crate::abi::{AbiRender, AbiValue};
use crate::encoding::{decode_hex, encode_hex};
use alloy_primitives::{address, b256, keccak256};
use alloy_sol_types::{SolCall, SolError, SolInterface};
use alloy_sol_types::{SolEvent, SolEventInterface};

#[test]
fn pins_every_function_selector_of_the_deployed_contract_and_the_additions() {
    let rows = [
        call_pin::<ISetRegistry::initializeCall>("initialize(address,address)", "0x485cc955"),
        call_pin::<ISetRegistry::setSequencerAuthorizationCall>("setSequencerAuthorization(address,bool)", "0x5edb6116"),
        call_pin::<ISetRegistry::batchSetSequencerAuthorizationCall>("batchSetSequencerAuthorization(address[],bool)", "0xf28c39cc"),
        call_pin::<ISetRegistry::setStrictModeCall>("setStrictMode(bool)", "0x86ef40c0"),
        call_pin::<ISetRegistry::pauseCall>("pause()", "0x8456cb59"),
        call_pin::<ISetRegistry::unpauseCall>("unpause()", "0x3f4ba83a"),
        call_pin::<ISetRegistry::commitBatchCall>("commitBatch(bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32)", "0xd38f6b8b"),
        call_pin::<ISetRegistry::commitStarkProofCall>("commitStarkProof(bytes32,bytes32,bytes32,bytes32,bytes32,uint64,bool,uint64,uint64)", "0x20cb49f9"),
        call_pin::<ISetRegistry::commitBatchWithStarkProofCall>("commitBatchWithStarkProof(bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32,bytes32,bytes32,uint64,bool,uint64,uint64)", "0xdf788f5f"),
        call_pin::<ISetRegistry::hasStarkProofCall>("hasStarkProof(bytes32)", "0xb45867c3"),
        call_pin::<ISetRegistry::verifyStarkProofHashCall>("verifyStarkProofHash(bytes32,bytes32)", "0x0fcdd27d"),
        call_pin::<ISetRegistry::getStarkProofDetailsCall>("getStarkProofDetails(bytes32)", "0x923de5c7"),
        call_pin::<ISetRegistry::verifyInclusionCall>("verifyInclusion(bytes32,bytes32,bytes32[],uint256)", "0x76d3ad48"),
        call_pin::<ISetRegistry::verifyMultipleInclusionsCall>("verifyMultipleInclusions(bytes32,bytes32[],bytes32[][],uint256[])", "0x983d6e40"),
        call_pin::<ISetRegistry::getLatestStateRootCall>("getLatestStateRoot(bytes32,bytes32)", "0x5db7a7ec"),
        call_pin::<ISetRegistry::getHeadSequenceCall>("getHeadSequence(bytes32,bytes32)", "0xc13b23c2"),
        call_pin::<ISetRegistry::getBatchCommitmentCall>("getBatchCommitment(bytes32)", "0x7271b18a"),
        call_pin::<ISetRegistry::batchExists_0Call>("batchExists(bytes32)", "0xecd144a7"),
        call_pin::<ISetRegistry::batchExists_1Call>("batchExists(bytes32[])", "0xdd557228"),
        call_pin::<ISetRegistry::getLatestBatchIdCall>("getLatestBatchId(bytes32,bytes32)", "0x3e145a08"),
        call_pin::<ISetRegistry::getBatchWithProofStatusCall>("getBatchWithProofStatus(bytes32)", "0x6e0cfd23"),
        call_pin::<ISetRegistry::getRegistryStatsCall>("getRegistryStats()", "0x9de0963d"),
        call_pin::<ISetRegistry::getBatchCommitmentsCall>("getBatchCommitments(bytes32[])", "0x8ca34629"),
        call_pin::<ISetRegistry::getBatchProofStatusesCall>("getBatchProofStatuses(bytes32[])", "0x48775bfd"),
        call_pin::<ISetRegistry::getBatchLatestStateRootsCall>("getBatchLatestStateRoots(bytes32[],bytes32[])", "0x48fddcc5"),
        call_pin::<ISetRegistry::getBatchHeadSequencesCall>("getBatchHeadSequences(bytes32[],bytes32[])", "0x15e7db0c"),
        call_pin::<ISetRegistry::getExtendedRegistryStatusCall>("getExtendedRegistryStatus()", "0x76fde43e"),
        call_pin::<ISetRegistry::getTenantStoreSummaryCall>("getTenantStoreSummary(bytes32,bytes32)", "0x606fac57"),
        call_pin::<ISetRegistry::areSequencersAuthorizedCall>("areSequencersAuthorized(address[])", "0xda234032"),
        call_pin::<ISetRegistry::setLegacyFunctionsEnabledCall>("setLegacyFunctionsEnabled(bool)", "0x3130b691"),
        call_pin::<ISetRegistry::registerBatchRootCall>("registerBatchRoot(uint256,uint256,bytes32)", "0x26320a21"),
        call_pin::<ISetRegistry::getBatchRootCall>("getBatchRoot(uint256,uint256)", "0xb909f532"),
        call_pin::<ISetRegistry::authorizedSequencersCall>("authorizedSequencers(address)", "0x524a6d77"),
        call_pin::<ISetRegistry::commitmentsCall>("commitments(bytes32)", "0x839df945"),
        call_pin::<ISetRegistry::latestCommitmentCall>("latestCommitment(bytes32)", "0xbdde462f"),
        call_pin::<ISetRegistry::headSequenceCall>("headSequence(bytes32)", "0xaa89ed9e"),
        call_pin::<ISetRegistry::totalCommitmentsCall>("totalCommitments()", "0x78bb86d3"),
        call_pin::<ISetRegistry::strictModeEnabledCall>("strictModeEnabled()", "0x83c35434"),
        call_pin::<ISetRegistry::starkProofsCall>("starkProofs(bytes32)", "0x6600af35"),
        call_pin::<ISetRegistry::totalStarkProofsCall>("totalStarkProofs()", "0x0348a6eb"),
        call_pin::<ISetRegistry::authorizedSequencerCountCall>("authorizedSequencerCount()", "0x5cd6b522"),
        call_pin::<ISetRegistry::legacyFunctionsEnabledCall>("legacyFunctionsEnabled()", "0xf8492cfd"),
        // OpenZeppelin `Pausable`, which only the registry inherits.
        call_pin::<ISetRegistry::pausedCall>("paused()", "0x5c975abb"),
        // Additions of the new contract; hex computed independently (Python keccak).
        call_pin::<ISetRegistry::commitBatchesCall>("commitBatches((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32)[])", "0x9f02ed37"),
        call_pin::<ISetRegistry::verifyVesInclusionCall>("verifyVesInclusion(bytes32,bytes32,bytes32[],uint256)", "0x6a7608d2"),
    ];
    let inherited = inherited_pins!(ISetRegistry).0;
    check_pins(&rows);
    check_pins(&inherited);
    assert_eq!(rows.len() + inherited.len(), RegistryCall::COUNT, "every function is pinned");
}

#[test]
fn pins_every_error_selector_of_the_deployed_contract_and_the_additions() {
    let rows = [
        error_pin::<ISetRegistry::NotAuthorizedSequencer>("NotAuthorizedSequencer()", "0xe269f830"),
        error_pin::<ISetRegistry::InvalidSequenceRange>("InvalidSequenceRange()", "0x3855112f"),
        error_pin::<ISetRegistry::EmptyEventsRoot>("EmptyEventsRoot()", "0x190e76e2"),
        error_pin::<ISetRegistry::BatchAlreadyCommitted>("BatchAlreadyCommitted()", "0x884923cf"),
        error_pin::<ISetRegistry::StateRootMismatch>("StateRootMismatch(bytes32,bytes32)", "0x37f04d41"),
        error_pin::<ISetRegistry::SequenceGap>("SequenceGap(uint64,uint64)", "0x104d0050"),
        error_pin::<ISetRegistry::InvalidEventCount>("InvalidEventCount(uint64,uint32)", "0x4c843957"),
        error_pin::<ISetRegistry::InvalidProof>("InvalidProof()", "0x09bde339"),
        error_pin::<ISetRegistry::BatchNotCommitted>("BatchNotCommitted()", "0xc26a3294"),
        error_pin::<ISetRegistry::StarkProofAlreadyCommitted>("StarkProofAlreadyCommitted()", "0xc96268ba"),
        error_pin::<ISetRegistry::StateRootMismatchInProof>("StateRootMismatchInProof()", "0x1b47f19f"),
        error_pin::<ISetRegistry::InvalidAddress>("InvalidAddress()", "0xe6c4247b"),
        error_pin::<ISetRegistry::ArrayLengthMismatch>("ArrayLengthMismatch()", "0xa24a13a6"),
        error_pin::<ISetRegistry::EmptyArray>("EmptyArray()", "0x521299a9"),
        error_pin::<ISetRegistry::LegacyFunctionsDisabled>("LegacyFunctionsDisabled()", "0xf56646f8"),
        // OpenZeppelin `Pausable`, which only the registry inherits.
        error_pin::<ISetRegistry::EnforcedPause>("EnforcedPause()", "0xd93c0665"),
        error_pin::<ISetRegistry::ExpectedPause>("ExpectedPause()", "0x8dfc202b"),
        // Additions of the new contract; hex computed independently (Python keccak).
        error_pin::<ISetRegistry::InvalidBatchId>("InvalidBatchId()", "0x3b98df65"),
        error_pin::<ISetRegistry::BatchCommitFailed>("BatchCommitFailed(uint256,bytes)", "0x369ab84d"),
    ];
    let inherited = inherited_pins!(ISetRegistry).1;
    check_pins(&rows);
    check_pins(&inherited);
    assert_eq!(rows.len() + inherited.len(), ISetRegistry::ISetRegistryErrors::COUNT, "every error is pinned");
    let standard =
        [error_pin::<Revert>("Error(string)", "0x08c379a0"), error_pin::<Panic>("Panic(uint256)", "0x4e487b71")];
    check_pins(&standard);
}

#[test]
fn pins_every_event_topic0_of_the_deployed_contract() {
    let rows = [
        event_pin::<ISetRegistry::SequencerAuthorized>(
            "SequencerAuthorized(address,bool)",
            "0x299a9abe1b3f791134e324f74110ff919d8db0842db3e4d32f2037bcd9968609",
        ),
        event_pin::<ISetRegistry::BatchCommitted>(
            "BatchCommitted(bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32)",
            "0x1b2cc50ea54dce1d372450a8dc503a51775ab92dc7e68d579ce3fbb4af25cab3",
        ),
        event_pin::<ISetRegistry::StrictModeUpdated>(
            "StrictModeUpdated(bool)",
            "0xe33f145d527913d1dc4c29a3b0690149220a71017a73efeabd140e356f2b3c49",
        ),
        event_pin::<ISetRegistry::StarkProofCommitted>(
            "StarkProofCommitted(bytes32,bytes32,bytes32,bool,uint64)",
            "0xadeeb4fee3729cba3af070d0032909f3238fdc25a3d4ae59f7ec41265b237380",
        ),
        // OpenZeppelin `Pausable`, which only the registry inherits.
        event_pin::<ISetRegistry::Paused>(
            "Paused(address)",
            "0x62e78cea01bee320cd4e420270b5ea74000d11b0c9f74754ebdbfc544b05a258",
        ),
        event_pin::<ISetRegistry::Unpaused>(
            "Unpaused(address)",
            "0x5db9ee0a495bf2e6ff9c91a7834c1ba4fdd244a5e8aa4e537bd38aeae4b073aa",
        ),
    ];
    let inherited = inherited_pins!(ISetRegistry).2;
    check_pins(&rows);
    check_pins(&inherited);
    assert_eq!(rows.len() + inherited.len(), RegistryEvent::COUNT, "every event is pinned");
    // Topic counts include topic0, then one per indexed argument.
    let counts = [
        (ISetRegistry::SequencerAuthorized::SIGNATURE_HASH, 2),
        (ISetRegistry::BatchCommitted::SIGNATURE_HASH, 3),
        (ISetRegistry::StrictModeUpdated::SIGNATURE_HASH, 1),
        (ISetRegistry::StarkProofCommitted::SIGNATURE_HASH, 2),
        (ISetRegistry::ContractUpgraded::SIGNATURE_HASH, 3),
        (ISetRegistry::Initialized::SIGNATURE_HASH, 1),
        (ISetRegistry::OwnershipTransferred::SIGNATURE_HASH, 3),
        (ISetRegistry::Paused::SIGNATURE_HASH, 1),
        (ISetRegistry::Unpaused::SIGNATURE_HASH, 1),
        (ISetRegistry::Upgraded::SIGNATURE_HASH, 2),
    ];
    for (topic0, count) in counts {
        assert_eq!(event_shape(&topic0).map(|shape| shape.1), Some(count));
    }
}

#[test]
fn decoded_form_lists_fields_in_signature_order() {
    let items = every_item_from_default();
    assert_eq!(items.len(), RegistryCall::COUNT + ISetRegistry::ISetRegistryErrors::COUNT + RegistryEvent::COUNT);
    let structs = [("BatchCommitment", <BatchCommitment as AbiRender>::sol_type())];
    check_decoded_forms(items, every_return_from_default(), &structs);
}

fn sample_batch(seed: u8) -> CommitBatchArgs {
    CommitBatchArgs {
        batch_id: B256::repeat_byte(seed),
        tenant_id: B256::repeat_byte(seed.wrapping_add(1)),
        store_id: B256::repeat_byte(seed.wrapping_add(2)),
        events_root: B256::repeat_byte(seed.wrapping_add(3)),
        prev_state_root: B256::repeat_byte(seed.wrapping_add(4)),
        new_state_root: B256::repeat_byte(seed.wrapping_add(5)),
        sequence_start: 1,
        sequence_end: 10,
        event_count: 10,
    }
}

fn sample_proof() -> StarkProofMetadata {
    StarkProofMetadata {
        proof_hash: B256::repeat_byte(0xa1),
        policy_hash: B256::repeat_byte(0xa2),
        policy_limit: 1_000,
        all_compliant: true,
        proof_size: 4096,
        proving_time_ms: 1234,
    }
}

#[test]
fn commit_batch_round_trips_and_decodes_generically() {
    let args = sample_batch(0x10);
    let calldata = encode_commit_batch(&args);
    assert_eq!(&calldata[..4], &[0xd3, 0x8f, 0x6b, 0x8b]);
    assert_eq!(calldata.len(), 4 + 9 * 32);
    assert_eq!(decode_commit_batch(&calldata).unwrap(), args);
    let decoded = decode_call(&calldata).unwrap().decoded();
    assert_eq!(decoded.name, "commitBatch");
    assert_eq!(decoded.arg("eventCount").and_then(AbiValue::as_text), Some("10"));
    assert_eq!(decoded.to_json()["args"]["batchId"], serde_json::json!(encode_hex(&[0x10; 32])));
}

#[test]
fn commit_batches_round_trips_two_items() {
    let batches = [sample_batch(1), sample_batch(2)];
    let calldata = encode_commit_batches(&batches);
    assert_eq!(decode_commit_batches(&calldata).unwrap(), batches.to_vec());
    let json = decode_call(&calldata).unwrap().decoded().to_json();
    assert_eq!(json["args"]["batches"][1]["sequenceEnd"], "10");
    assert_eq!(json["signature"], ISetRegistry::commitBatchesCall::SIGNATURE);
    assert!(decode_commit_batches(&encode_commit_batches(&[])).unwrap().is_empty());
}

#[test]
fn stark_proof_calls_round_trip() {
    let proof_args = CommitStarkProofArgs {
        batch_id: B256::repeat_byte(7),
        prev_state_root: B256::repeat_byte(8),
        new_state_root: B256::repeat_byte(9),
        proof: sample_proof(),
    };
    assert_eq!(decode_commit_stark_proof(&encode_commit_stark_proof(&proof_args)).unwrap(), proof_args);
    let both = CommitBatchWithStarkProofArgs { batch: sample_batch(3), proof: sample_proof() };
    let calldata = encode_commit_batch_with_stark_proof(&both);
    assert_eq!(decode_commit_batch_with_stark_proof(&calldata).unwrap(), both);
    assert_eq!(calldata.len(), 4 + 15 * 32);
}

#[test]
fn typed_decoder_rejects_another_function() {
    let err = decode_commit_batch(&encode_commit_batches(&[sample_batch(1)])).unwrap_err();
    assert!(matches!(err, RegistryError::Abi(AbiError::UnknownSelector { selector: [0x9f, 0x02, 0xed, 0x37], .. })));
}

#[test]
fn every_encoder_produces_calldata_of_its_function() {
    let a = address!("00000000000000000000000000000000000000aa");
    let h = B256::repeat_byte(0x11);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (encode_initialize(a, a), "initialize"),
        (encode_set_sequencer_authorization(a, true), "setSequencerAuthorization"),
        (encode_batch_set_sequencer_authorization(&[a, a], false), "batchSetSequencerAuthorization"),
        (encode_set_strict_mode(false), "setStrictMode"),
        (encode_pause(), "pause"),
        (encode_unpause(), "unpause"),
        (encode_set_legacy_functions_enabled(true), "setLegacyFunctionsEnabled"),
        (encode_register_batch_root(U256::from(1), U256::from(2), h), "registerBatchRoot"),
        (encode_transfer_ownership(a), "transferOwnership"),
        (encode_renounce_ownership(), "renounceOwnership"),
        (encode_upgrade_to_and_call(a, &[1, 2, 3]), "upgradeToAndCall"),
        (encode_get_batch_commitment(h), "getBatchCommitment"),
        (encode_commitments(h), "commitments"),
        (encode_get_batch_commitments(&[h]), "getBatchCommitments"),
        (encode_get_latest_state_root(h, h), "getLatestStateRoot"),
        (encode_get_head_sequence(h, h), "getHeadSequence"),
        (encode_get_latest_batch_id(h, h), "getLatestBatchId"),
        (encode_batch_exists(h), "batchExists"),
        (encode_batch_exists_many(&[h, h]), "batchExists"),
        (encode_verify_inclusion(h, h, &[h], U256::from(1)), "verifyInclusion"),
        (encode_verify_ves_inclusion(h, h, &[h], U256::from(1)), "verifyVesInclusion"),
        (encode_verify_multiple_inclusions(h, &[h], &[vec![h]], &[U256::ZERO]), "verifyMultipleInclusions"),
        (encode_get_registry_stats(), "getRegistryStats"),
        (encode_get_extended_registry_status(), "getExtendedRegistryStatus"),
        (encode_get_tenant_store_summary(h, h), "getTenantStoreSummary"),
        (encode_has_stark_proof(h), "hasStarkProof"),
        (encode_verify_stark_proof_hash(h, h), "verifyStarkProofHash"),
        (encode_get_stark_proof_details(h), "getStarkProofDetails"),
        (encode_get_batch_with_proof_status(h), "getBatchWithProofStatus"),
        (encode_get_batch_proof_statuses(&[h]), "getBatchProofStatuses"),
        (encode_get_batch_latest_state_roots(&[h], &[h]), "getBatchLatestStateRoots"),
        (encode_get_batch_head_sequences(&[h], &[h]), "getBatchHeadSequences"),
        (encode_are_sequencers_authorized(&[a]), "areSequencersAuthorized"),
        (encode_get_batch_root(U256::from(1), U256::from(5)), "getBatchRoot"),
        (encode_authorized_sequencers(a), "authorizedSequencers"),
        (encode_latest_commitment(h), "latestCommitment"),
        (encode_head_sequence(h), "headSequence"),
        (encode_stark_proofs(h), "starkProofs"),
        (encode_total_commitments(), "totalCommitments"),
        (encode_strict_mode_enabled(), "strictModeEnabled"),
        (encode_total_stark_proofs(), "totalStarkProofs"),
        (encode_authorized_sequencer_count(), "authorizedSequencerCount"),
        (encode_legacy_functions_enabled(), "legacyFunctionsEnabled"),
        (encode_owner(), "owner"),
        (encode_paused(), "paused"),
        (encode_proxiable_uuid(), "proxiableUUID"),
        (encode_upgrade_interface_version(), "UPGRADE_INTERFACE_VERSION"),
    ];
    for (calldata, name) in cases {
        let decoded = decode_call(&calldata).unwrap().decoded();
        assert_eq!(decoded.name, name);
        // Re-encoding the decoded call reproduces the calldata byte for byte.
        assert_eq!(decode_call(&calldata).unwrap().abi_encode(), calldata);
    }
    let json = decode_call(&encode_set_sequencer_authorization(a, true)).unwrap().decoded().to_json();
    assert_eq!(json["args"]["sequencer"], "0x00000000000000000000000000000000000000aa");
    assert_eq!(json["args"]["authorized"], "true");
}

fn sample_commitment() -> BatchCommitment {
    BatchCommitment {
        eventsRoot: B256::repeat_byte(0x31),
        newStateRoot: B256::repeat_byte(0x32),
        sequenceStart: 11,
        sequenceEnd: 20,
        eventCount: 10,
        timestamp: 1_700_000_000,
    }
}

#[test]
fn view_returns_decode_into_plain_structs() {
    let data = ISetRegistry::getBatchCommitmentCall::abi_encode_returns(&sample_commitment());
    assert_eq!(data.len(), 192);
    let commitment = decode_get_batch_commitment(&data).unwrap();
    assert!(commitment.exists());
    assert_eq!(commitment, OnchainCommitment::from(sample_commitment()));
    assert_eq!(decode_commitments(&data).unwrap(), commitment);
    assert!(!decode_get_batch_commitment(&[0u8; 192]).unwrap().exists());

    let list = ISetRegistry::getBatchCommitmentsCall::abi_encode_returns(&vec![sample_commitment(); 2]);
    assert_eq!(decode_get_batch_commitments(&list).unwrap(), vec![commitment; 2]);

    let word = |value: u64| U256::from(value).to_be_bytes::<32>().to_vec();
    assert_eq!(decode_get_head_sequence(&word(50)).unwrap(), 50);
    assert!(decode_batch_exists(&word(1)).unwrap());
    assert!(!decode_verify_inclusion(&word(0)).unwrap());
    assert!(decode_verify_ves_inclusion(&word(1)).unwrap());
    assert_eq!(decode_get_latest_state_root(&[0x42; 32]).unwrap(), B256::repeat_byte(0x42));
    assert_eq!(decode_get_latest_batch_id(&[0x43; 32]).unwrap(), B256::repeat_byte(0x43));
    let many = ISetRegistry::batchExists_1Call::abi_encode_returns(&vec![true, false]);
    assert_eq!(decode_batch_exists_many(&many).unwrap(), vec![true, false]);

    let stats = ISetRegistry::getRegistryStatsCall::abi_encode_returns(&ISetRegistry::getRegistryStatsReturn {
        commitmentCount: U256::from(5),
        proofCount: U256::from(2),
        isPaused: false,
        isStrictMode: true,
    });
    assert_eq!(
        decode_get_registry_stats(&stats).unwrap(),
        RegistryStats {
            commitment_count: U256::from(5),
            proof_count: U256::from(2),
            is_paused: false,
            is_strict_mode: true
        }
    );
    let extended = ISetRegistry::getExtendedRegistryStatusCall::abi_encode_returns(
        &ISetRegistry::getExtendedRegistryStatusReturn {
            totalBatches: U256::ZERO,
            totalProofs: U256::ZERO,
            sequencerCount: U256::from(1),
            isPaused: false,
            isStrictMode: true,
            proofCoverage: U256::from(10_000),
        },
    );
    assert_eq!(decode_get_extended_registry_status(&extended).unwrap().proof_coverage, U256::from(10_000));
    let summary =
        ISetRegistry::getTenantStoreSummaryCall::abi_encode_returns(&ISetRegistry::getTenantStoreSummaryReturn {
            latestBatchId: B256::repeat_byte(1),
            currentStateRoot: B256::repeat_byte(2),
            currentHeadSequence: 30,
            hasLatestProof: true,
        });
    let decoded = decode_get_tenant_store_summary(&summary).unwrap();
    assert_eq!(decoded.current_head_sequence, 30);
    assert!(decoded.has_latest_proof);

    let generic = decode_return(&encode_get_tenant_store_summary(B256::ZERO, B256::ZERO), &summary).unwrap();
    assert_eq!(generic.signature, "getTenantStoreSummary(bytes32,bytes32) returns (bytes32,bytes32,uint64,bool)");
    assert_eq!(generic.to_json()["args"]["currentHeadSequence"], "30");
    let generic = decode_return(&ISetRegistry::getBatchCommitmentCall::SELECTOR, &data).unwrap();
    assert_eq!(generic.to_json()["args"]["commitment"]["timestamp"], "1700000000");
}

/// The revert data the deployed contract returns for `InvalidEventCount(10, 9)` and
/// `SequenceGap(11, 12)`, written out word by word.
#[test]
fn decodes_the_deployed_contracts_revert_data_with_arguments() {
    let invalid_count = decode_hex(
        "x",
        "0x4c843957\
             000000000000000000000000000000000000000000000000000000000000000a\
             0000000000000000000000000000000000000000000000000000000000000009",
    )
    .unwrap();
    let revert = decode_revert(&invalid_count).unwrap();
    assert_eq!(
        revert,
        RegistryRevert::Custom(ISetRegistry::ISetRegistryErrors::InvalidEventCount(ISetRegistry::InvalidEventCount {
            expected: 10,
            provided: 9
        }))
    );
    assert_eq!(
        revert.decoded().to_json(),
        serde_json::json!({"name": "InvalidEventCount", "signature": "InvalidEventCount(uint64,uint32)", "args": {"expected": "10", "provided": "9"}})
    );
    let gap = sequence_gap_revert();
    match decode_revert(&gap).unwrap() {
        RegistryRevert::Custom(ISetRegistry::ISetRegistryErrors::SequenceGap(inner)) => {
            assert_eq!((inner.expected, inner.provided), (11, 12));
        }
        other => panic!("unexpected {other:?}"),
    }
}

fn sequence_gap_revert() -> Vec<u8> {
    decode_hex(
        "x",
        "0x104d0050\
             000000000000000000000000000000000000000000000000000000000000000b\
             000000000000000000000000000000000000000000000000000000000000000c",
    )
    .unwrap()
}

#[test]
fn decodes_error_string_and_panic() {
    let data = Revert::from("Ownable: nope").abi_encode();
    let revert = decode_revert(&data).unwrap();
    assert_eq!(revert, RegistryRevert::Reason(Revert::from("Ownable: nope")));
    assert_eq!(revert.decoded().to_json()["args"]["reason"], "Ownable: nope");
    let panic = decode_revert(&Panic::from(0x11).abi_encode()).unwrap();
    assert_eq!(panic, RegistryRevert::Panic(Panic::from(0x11)));
    assert_eq!(panic.decoded().signature, "Panic(uint256)");
    assert_eq!(panic.decoded().to_json()["args"]["code"], "17");
}

#[test]
fn batch_commit_failed_decodes_its_inner_revert() {
    let outer =
        ISetRegistry::BatchCommitFailed { index: U256::from(1), reason: sequence_gap_revert().into() }.abi_encode();
    let revert = decode_revert(&outer).unwrap();
    let RegistryRevert::BatchCommitFailed { index, inner, .. } = &revert else { panic!("{revert:?}") };
    assert_eq!(*index, U256::from(1));
    assert_eq!(
        inner.as_deref(),
        Some(&RegistryRevert::Custom(ISetRegistry::ISetRegistryErrors::SequenceGap(ISetRegistry::SequenceGap {
            expected: 11,
            provided: 12
        })))
    );
    let json = revert.decoded().to_json();
    assert_eq!(json["args"]["index"], "1");
    assert_eq!(json["inner"]["name"], "SequenceGap");
    assert_eq!(json["inner"]["args"]["provided"], "12");
    assert_eq!(revert.selector(), ISetRegistry::BatchCommitFailed::SELECTOR);

    // An empty or garbage inner reason still decodes the outer error.
    let empty = ISetRegistry::BatchCommitFailed { index: U256::ZERO, reason: Bytes::new() }.abi_encode();
    assert!(matches!(decode_revert(&empty).unwrap(), RegistryRevert::BatchCommitFailed { inner: None, .. }));

    // Nesting is decoded to a bounded depth only.
    let mut nested = sequence_gap_revert();
    for i in 0..10u64 {
        nested = ISetRegistry::BatchCommitFailed { index: U256::from(i), reason: nested.into() }.abi_encode();
    }
    let mut depth = 0;
    let mut current = decode_revert(&nested).unwrap();
    while let RegistryRevert::BatchCommitFailed { inner: Some(inner), .. } = current {
        depth += 1;
        current = *inner;
    }
    assert_eq!(depth, MAX_REVERT_NESTING - 1);
}

#[test]
fn decodes_batch_committed_stark_proof_and_sequencer_logs() {
    let event = ISetRegistry::BatchCommitted {
        batchId: B256::repeat_byte(1),
        tenantStoreKey: b256!("fee4ccde41d1dc5fa401e2a18ac38081fb067b6f6506372afe59366e4feae479"),
        eventsRoot: B256::repeat_byte(3),
        newStateRoot: B256::repeat_byte(4),
        sequenceStart: 1,
        sequenceEnd: 3,
        eventCount: 3,
    };
    let log = event.encode_log_data();
    assert_eq!(log.data.len(), 160);
    let decoded = decode_log(log.topics(), &log.data).unwrap();
    assert_eq!(decoded, RegistryEvent::BatchCommitted(event.clone()));
    assert_eq!(decode_batch_committed(log.topics(), &log.data).unwrap(), event);
    let json = decoded.decoded().to_json();
    assert_eq!(json["name"], "BatchCommitted");
    assert_eq!(json["args"]["tenantStoreKey"], "0xfee4ccde41d1dc5fa401e2a18ac38081fb067b6f6506372afe59366e4feae479");

    let proof = ISetRegistry::StarkProofCommitted {
        batchId: B256::repeat_byte(1),
        proofHash: B256::repeat_byte(2),
        policyHash: B256::repeat_byte(3),
        allCompliant: true,
        proofSize: 4096,
    };
    let log = proof.encode_log_data();
    assert_eq!(decode_log(log.topics(), &log.data).unwrap(), RegistryEvent::StarkProofCommitted(proof));

    let auth = ISetRegistry::SequencerAuthorized {
        sequencer: address!("00000000000000000000000000000000000000Ab"),
        authorized: true,
    };
    let log = auth.encode_log_data();
    let json = decode_log(log.topics(), &log.data).unwrap().decoded().to_json();
    assert_eq!(json["args"]["sequencer"], "0x00000000000000000000000000000000000000ab");
    // Another event of the contract is not a BatchCommitted log.
    assert_eq!(decode_batch_committed(log.topics(), &log.data).unwrap_err().code(), "UNKNOWN_EVENT");
}

#[test]
fn bad_input_is_a_typed_error_never_a_panic() {
    let calldata = encode_commit_batch(&sample_batch(1));
    let short = &calldata[..calldata.len() - 1];
    assert!(matches!(
        decode_commit_batch(&[]).unwrap_err(),
        RegistryError::Abi(AbiError::TooShort { expected_at_least: 4, actual: 0, .. })
    ));
    assert!(matches!(
        decode_commit_batch(&[0xd3, 0x8f, 0x6b]).unwrap_err(),
        RegistryError::Abi(AbiError::TooShort { actual: 3, .. })
    ));
    assert!(matches!(
        decode_commit_batch(short).unwrap_err(),
        RegistryError::Abi(AbiError::TooShort { expected_at_least: 292, actual: 291, .. })
    ));
    assert!(matches!(decode_call(&[]).unwrap_err(), RegistryError::Abi(AbiError::TooShort { .. })));
    assert!(matches!(decode_call(&[1, 2, 3]).unwrap_err(), RegistryError::Abi(AbiError::TooShort { .. })));
    assert_eq!(decode_call(short).unwrap_err().code(), "TRUNCATED");
    let unknown = decode_call(&[0xde, 0xad, 0xbe, 0xef]).unwrap_err();
    assert_eq!(
        unknown,
        RegistryError::Abi(AbiError::UnknownSelector { what: "calldata", selector: [0xde, 0xad, 0xbe, 0xef] })
    );
    assert_eq!(unknown.code(), "UNKNOWN_SELECTOR");

    let batches = encode_commit_batches(&[sample_batch(1), sample_batch(2)]);
    let err = decode_commit_batches(&batches[..batches.len() - 1]).unwrap_err();
    assert_eq!(err.code(), "TRUNCATED", "{err:?}");

    let ret = ISetRegistry::getBatchCommitmentCall::abi_encode_returns(&sample_commitment());
    assert!(matches!(
        decode_get_batch_commitment(&ret[..191]).unwrap_err(),
        RegistryError::Abi(AbiError::TooShort { expected_at_least: 192, .. })
    ));
    assert!(matches!(decode_get_batch_commitment(&[]).unwrap_err(), RegistryError::Abi(AbiError::TooShort { .. })));
    assert_eq!(decode_return(&[1, 2], &ret).unwrap_err().code(), "TRUNCATED");
    assert_eq!(decode_return(&[0xde, 0xad, 0xbe, 0xef], &ret).unwrap_err().code(), "UNKNOWN_SELECTOR");
    // A bool word other than 0/1 is not canonical.
    let mut dirty = [0u8; 32];
    dirty[31] = 2;
    assert_eq!(decode_batch_exists(&dirty).unwrap_err().code(), "INVALID_ABI");
    // uint64 with bits above 64 set.
    let mut wide = [0u8; 32];
    wide[0] = 1;
    assert_eq!(decode_get_head_sequence(&wide).unwrap_err().code(), "INVALID_ABI");

    assert!(matches!(decode_revert(&[]).unwrap_err(), RegistryError::Abi(AbiError::TooShort { .. })));
    assert!(matches!(decode_revert(&[0x10, 0x4d, 0x00]).unwrap_err(), RegistryError::Abi(AbiError::TooShort { .. })));
    let gap = sequence_gap_revert();
    assert_eq!(decode_revert(&gap[..gap.len() - 1]).unwrap_err().code(), "TRUNCATED");
    assert_eq!(decode_revert(&[0xde, 0xad, 0xbe, 0xef]).unwrap_err().code(), "UNKNOWN_SELECTOR");
    let error_string = Revert::from("x").abi_encode();
    assert_eq!(decode_revert(&error_string[..error_string.len() - 1]).unwrap_err().code(), "TRUNCATED");

    let log = ISetRegistry::BatchCommitted::default().encode_log_data();
    assert!(matches!(decode_log(&[], &log.data).unwrap_err(), RegistryError::Abi(AbiError::TooShort { .. })));
    assert!(matches!(
        decode_log(&log.topics()[..2], &log.data).unwrap_err(),
        RegistryError::Abi(AbiError::TopicCount { expected: 3, actual: 2, .. })
    ));
    assert_eq!(decode_log(log.topics(), &log.data[..159]).unwrap_err().code(), "TRUNCATED");
    let unknown_topic = [keccak256("Transfer(address,address,uint256)")];
    assert_eq!(
        decode_log(&unknown_topic, &[]).unwrap_err(),
        RegistryError::Abi(AbiError::UnknownEvent { topic0: unknown_topic[0] })
    );
    assert_eq!(decode_log(&unknown_topic, &[]).unwrap_err().code(), "UNKNOWN_EVENT");
}

#[test]
fn inverse_encoders_round_trip() {
    let commitment = OnchainCommitment::from(sample_commitment());
    assert_eq!(decode_get_batch_commitment(&encode_get_batch_commitment_return(&commitment)).unwrap(), commitment);
    assert_eq!(decode_commitments(&encode_commitments_return(&commitment)).unwrap(), commitment);
    assert_eq!(
        decode_get_batch_commitments(&encode_get_batch_commitments_return(&[commitment; 3])).unwrap(),
        vec![commitment; 3]
    );
    let root = B256::repeat_byte(9);
    assert_eq!(decode_get_latest_state_root(&encode_get_latest_state_root_return(root)).unwrap(), root);
    assert_eq!(decode_get_latest_batch_id(&encode_get_latest_batch_id_return(root)).unwrap(), root);
    assert_eq!(decode_get_head_sequence(&encode_get_head_sequence_return(u64::MAX)).unwrap(), u64::MAX);
    assert!(decode_batch_exists(&encode_batch_exists_return(true)).unwrap());
    assert_eq!(decode_batch_exists_many(&encode_batch_exists_many_return(&[false, true])).unwrap(), vec![false, true]);
    assert!(!decode_verify_inclusion(&encode_verify_inclusion_return(false)).unwrap());
    assert!(decode_verify_ves_inclusion(&encode_verify_ves_inclusion_return(true)).unwrap());
    let stats = RegistryStats {
        commitment_count: U256::from(3),
        proof_count: U256::from(1),
        is_paused: true,
        is_strict_mode: false,
    };
    assert_eq!(decode_get_registry_stats(&encode_get_registry_stats_return(&stats)).unwrap(), stats);
    let status =
        ExtendedRegistryStatus { total_batches: U256::from(4), proof_coverage: U256::from(2500), ..Default::default() };
    assert_eq!(
        decode_get_extended_registry_status(&encode_get_extended_registry_status_return(&status)).unwrap(),
        status
    );
    let summary = TenantStoreSummary {
        latest_batch_id: root,
        current_state_root: root,
        current_head_sequence: 7,
        has_latest_proof: false,
    };
    assert_eq!(decode_get_tenant_store_summary(&encode_get_tenant_store_summary_return(&summary)).unwrap(), summary);

    let event = RegistryEvent::SequencerAuthorized(ISetRegistry::SequencerAuthorized {
        sequencer: Address::repeat_byte(1),
        authorized: false,
    });
    let log = event.to_log();
    assert_eq!(log.topics.len(), 2);
    assert_eq!(decode_log(&log.topics, &log.data).unwrap(), event);

    let gap = decode_revert(&sequence_gap_revert()).unwrap();
    assert_eq!(gap.encode(), sequence_gap_revert());
    let wrapped = RegistryRevert::batch_commit_failed(U256::from(1), gap);
    assert_eq!(decode_revert(&wrapped.encode()).unwrap(), wrapped);
    for revert in [RegistryRevert::Reason(Revert::from("r")), RegistryRevert::Panic(Panic::from(0x11))] {
        assert_eq!(decode_revert(&revert.encode()).unwrap(), revert);
    }
}

#[test]
fn error_codes_are_stable() {
    assert_eq!(RegistryError::Abi(AbiError::Truncated { what: "x", actual: 1 }).code(), "TRUNCATED");
    assert_eq!(
        RegistryError::Abi(AbiError::TopicCount { event: "e", expected: 1, actual: 2 }).code(),
        "WRONG_TOPIC_COUNT"
    );
    assert_eq!(RegistryError::Abi(AbiError::Invalid { what: "x", reason: "r".into() }).code(), "INVALID_ABI");
}

fn all_decoders(data: &[u8]) {
    let _ = decode_commit_batch(data);
    let _ = decode_commit_batches(data);
    let _ = decode_commit_stark_proof(data);
    let _ = decode_commit_batch_with_stark_proof(data);
    let _ = decode_call(data).map(|call| call.decoded().to_json());
    let _ = decode_return(data, data).map(|d| d.to_json());
    let _ = decode_get_batch_commitment(data);
    let _ = decode_commitments(data);
    let _ = decode_get_batch_commitments(data);
    let _ = decode_get_latest_state_root(data);
    let _ = decode_get_head_sequence(data);
    let _ = decode_get_latest_batch_id(data);
    let _ = decode_batch_exists(data);
    let _ = decode_batch_exists_many(data);
    let _ = decode_verify_inclusion(data);
    let _ = decode_verify_ves_inclusion(data);
    let _ = decode_get_registry_stats(data);
    let _ = decode_get_extended_registry_status(data);
    let _ = decode_get_tenant_store_summary(data);
    let _ = decode_revert(data).map(|r| r.decoded().to_json());
}

crate::abi::test_support::decoders_never_panic! {
    all: all_decoders,
    decode_return: decode_return,
    decode_log: decode_log,
    calls: RegistryCall,
    errors: ISetRegistry::ISetRegistryErrors,
    picks: 64,
    known_topic: ISetRegistry::BatchCommitted::SIGNATURE_HASH,
}
