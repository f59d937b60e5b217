//! The stream audit against a real dev sequencer and anvil with SetRegistry: a clean stream,
//! anchored by the real anchor, passes with every event checked; streams broken on the registry
//! directly (we own it in the test: strict mode off, commits sent as the authorised sequencer)
//! are found: a gap, a forged commitment, a state-root fork.

#[allow(dead_code)]
mod support;

use set_client::{AuditProgress, Auth, Client, ClientConfig};
use set_core::audit::{AgentKey, AuditReport, FindingCode, SequencedEvent, Source};
use set_core::encoding::B256;
use set_core::ids::{stream_id, uuid_to_bytes32};
use set_core::registry::{encode_commit_batch, encode_set_strict_mode, CommitBatchArgs};
use set_core::sequencer::VesCommitment;
use set_devnet_l1::network::{DEPLOYER, SEQUENCER};
use set_devnet_l1::rpc::Rpc;
use uuid::Uuid;

use support::API_KEY;

/// A client that pages the logs 3 blocks at a time (anvil makes a block a second, so an audit
/// reads many pages).
fn paging_client(sequencer_url: &str, chain: &support::Chain) -> Client {
    let trust = support::trust_root(&chain.registry);
    let mut config =
        ClientConfig::new(&trust, sequencer_url, &chain.rpc_url, Auth::ApiKey(API_KEY.into())).expect("config");
    config.logs_page_blocks = 3;
    Client::new(config).expect("client")
}

fn agent_keys() -> Vec<AgentKey> {
    vec![AgentKey { ed25519: Some(set_core::ves::signing::public_key(&support::AGENT_SEED)), ..AgentKey::default() }]
}

/// Ingests `count` orders of the stream; the export of what was sequenced.
async fn ingest(
    client: &Client,
    tenant: Uuid,
    store: Uuid,
    agent: Uuid,
    first: u64,
    count: u64,
) -> Vec<SequencedEvent> {
    let events: Vec<_> = (first..first + count).map(|n| support::signed_order(tenant, store, agent, n)).collect();
    let outcome = client.ingest(&events).await.expect("ingest");
    assert!(outcome.rejections.is_empty(), "{:?}", outcome.rejections);
    outcome
        .accepted
        .into_iter()
        .map(|accepted| SequencedEvent { sequence_number: accepted.receipt.sequence_number, event: accepted.event })
        .collect()
}

fn hex(root: &B256) -> String {
    set_core::encoding::encode_hex(root.as_slice())
}

fn codes(report: &AuditReport) -> Vec<&'static str> {
    report.findings.iter().map(|finding| finding.code.as_str()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clean_stream_anchored_by_the_real_anchor_passes_the_audit() {
    let chain = support::start_chain().await;
    let sequencer = support::start_sequencer();
    let client = paging_client(&sequencer.url, &chain);
    let (tenant, store, agent) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    support::register_agent(&sequencer.url, tenant, agent).await;

    let mut export = ingest(&client, tenant, store, agent, 1, 6).await;
    support::commit(&sequencer.url, tenant, store, 1, 3).await;
    support::commit(&sequencer.url, tenant, store, 4, 6).await;
    support::anchor_pending(&chain, &sequencer.url).await;
    // Committed, not anchored yet (pending), and one event not committed at all.
    export.extend(ingest(&client, tenant, store, agent, 7, 3).await);
    support::commit(&sequencer.url, tenant, store, 7, 8).await;

    let report = client.audit_stream_with_keys(&tenant, &store, Some(&export), &agent_keys()).await.expect("audit");
    assert!(report.ok(), "{}", report.to_table());
    let summary = report.summary;
    assert_eq!((summary.onchain_commitments, summary.sequencer_commitments, summary.pending_commitments), (2, 3, 1));
    assert_eq!((summary.events_checked, summary.events_uncommitted, summary.agent_signatures_checked), (8, 1, 9));
    assert_eq!(summary.head_sequence, Some(6));

    // Observed: the same report, and the progress of every page and lookup, in order.
    let seen = std::sync::Mutex::new(Vec::new());
    let observed = client
        .audit_stream_observed(&tenant, &store, Some(&export), &agent_keys(), &|step| {
            seen.lock().expect("progress").push(step);
        })
        .await
        .expect("audit");
    assert_eq!(observed, report);
    let seen = seen.into_inner().expect("progress");
    let pages: Vec<(u64, u64)> = seen
        .iter()
        .filter_map(|step| match *step {
            AuditProgress::LogPages { done, total } => Some((done, total)),
            _ => None,
        })
        .collect();
    let total_pages = pages.last().expect("pages").1;
    assert!(total_pages > 1, "paged by 3 blocks: {pages:?}");
    assert_eq!(pages, (1..=total_pages).map(|done| (done, total_pages)).collect::<Vec<_>>());
    let lookups: Vec<AuditProgress> =
        seen.iter().copied().filter(|step| matches!(step, AuditProgress::Commitments { .. })).collect();
    assert_eq!(lookups, (0..=2).map(|done| AuditProgress::Commitments { done, total: 2 }).collect::<Vec<_>>());
    assert_eq!(seen.last(), Some(&AuditProgress::Checking));

    // Without the export: the histories and the head only.
    let report = client.audit_stream(&tenant, &store, None).await.expect("audit");
    assert!(report.ok(), "{}", report.to_table());
    assert_eq!(report.summary.events_in_export, None);

    // A key for another agent: every event is reported, none is checked.
    let other = vec![AgentKey { agent_id: Some(Uuid::new_v4()), ..agent_keys().remove(0) }];
    let report = client.audit_stream_with_keys(&tenant, &store, Some(&export), &other).await.expect("audit");
    assert_eq!(codes(&report), ["AGENT_KEY_UNKNOWN"; 9]);
}

/// The registry as its owner and its sequencer use it, from anvil's unlocked accounts.
struct Registry {
    rpc: Rpc,
    address: set_core::encoding::Address,
}

impl Registry {
    async fn commit(&self, tenant: Uuid, store: Uuid, commitment: &VesCommitment) -> B256 {
        let args = CommitBatchArgs {
            batch_id: uuid_to_bytes32(&commitment.batch_id),
            tenant_id: uuid_to_bytes32(&tenant),
            store_id: uuid_to_bytes32(&store),
            events_root: commitment.merkle_root,
            prev_state_root: commitment.prev_state_root,
            new_state_root: commitment.new_state_root,
            sequence_start: commitment.sequence_start,
            sequence_end: commitment.sequence_end,
            event_count: commitment.leaf_count as u32,
        };
        let mined =
            self.rpc.send(SEQUENCER, Some(self.address), &encode_commit_batch(&args)).await.expect("commitBatch");
        mined.tx_hash
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gap_a_forged_commitment_and_a_fork_on_the_registry_are_found() {
    let chain = support::start_chain().await;
    let sequencer = support::start_sequencer();
    let client = paging_client(&sequencer.url, &chain);
    let registry = Registry { rpc: Rpc::new(chain.rpc_url.clone()), address: chain.registry.parse().expect("address") };
    // Strict mode would refuse the gap and the fork; the audit must find them where it is off.
    registry.rpc.send(DEPLOYER, Some(registry.address), &encode_set_strict_mode(false)).await.expect("strict off");
    let (tenant, agent) = (Uuid::new_v4(), Uuid::new_v4());
    support::register_agent(&sequencer.url, tenant, agent).await;
    let keys = agent_keys();

    // A gap: the sequencer commits 1..3, 4..6, 7..9; the chain gets 1..3 and 7..9 only.
    let store = Uuid::new_v4();
    let export = ingest(&client, tenant, store, agent, 1, 9).await;
    let mut ids = Vec::new();
    for (start, end) in [(1, 3), (4, 6), (7, 9)] {
        ids.push(support::commit(&sequencer.url, tenant, store, start, end).await);
    }
    registry.commit(tenant, store, &client.commitment(&ids[0]).await.expect("commitment")).await;
    registry.commit(tenant, store, &client.commitment(&ids[2]).await.expect("commitment")).await;
    let report = client.audit_stream_with_keys(&tenant, &store, Some(&export), &keys).await.expect("audit");
    let gap = report.findings.iter().find(|f| f.code == FindingCode::SequenceGap).expect("gap");
    assert_eq!(
        (gap.source, gap.sequence_number, gap.batch_id),
        (Source::Onchain, Some(4), Some(uuid_to_bytes32(&ids[2])))
    );
    assert!(gap.block_number.is_some() && gap.transaction_hash.is_some(), "{gap:?}");
    let skipped = report.findings.iter().find(|f| f.code == FindingCode::NotOnchain).expect("not on-chain");
    assert_eq!(skipped.batch_id, Some(uuid_to_bytes32(&ids[1])));
    // The events themselves are the sequencer's: every root recomputes.
    assert!(!report.has(FindingCode::EventsRootMismatch), "{}", report.to_table());
    assert_eq!(report.summary.events_checked, 9);

    // A forged commitment: the sequencer's batch id put on-chain first with other roots.
    let store = Uuid::new_v4();
    let export = ingest(&client, tenant, store, agent, 1, 3).await;
    let batch_id = support::commit(&sequencer.url, tenant, store, 1, 3).await;
    let honest = client.commitment(&batch_id).await.expect("commitment");
    let mut forged = honest.clone();
    forged.merkle_root = B256::repeat_byte(0xfa);
    forged.new_state_root =
        set_core::ves::state_root(&stream_id(&tenant, &store), &B256::ZERO, &forged.merkle_root, 1, 3, 3);
    let forged_tx = registry.commit(tenant, store, &forged).await;
    let report = client.audit_stream_with_keys(&tenant, &store, Some(&export), &keys).await.expect("audit");
    assert_eq!(codes(&report), ["ONCHAIN_MISMATCH", "ONCHAIN_MISMATCH"], "{}", report.to_table());
    let events_root = &report.findings[0];
    assert_eq!(events_root.field, Some("events_root"));
    assert_eq!(events_root.expected, Some(hex(&honest.merkle_root)));
    assert_eq!(events_root.actual, Some(hex(&forged.merkle_root)));
    assert_eq!(events_root.transaction_hash, Some(forged_tx));
    let json = report.to_json();
    assert_eq!(json["findings"][0]["batch_id"], batch_id.to_string());

    // A fork: 1..3 as committed, 4..6 chained on-chain from another root than 1..3's.
    let store = Uuid::new_v4();
    let export = ingest(&client, tenant, store, agent, 1, 6).await;
    let first = support::commit(&sequencer.url, tenant, store, 1, 3).await;
    let second = support::commit(&sequencer.url, tenant, store, 4, 6).await;
    registry.commit(tenant, store, &client.commitment(&first).await.expect("commitment")).await;
    let mut forked = client.commitment(&second).await.expect("commitment");
    forked.prev_state_root = B256::repeat_byte(0xf0);
    forked.new_state_root =
        set_core::ves::state_root(&stream_id(&tenant, &store), &forked.prev_state_root, &forked.merkle_root, 4, 6, 3);
    registry.commit(tenant, store, &forked).await;
    let report = client.audit_stream_with_keys(&tenant, &store, Some(&export), &keys).await.expect("audit");
    let fork = report.findings.iter().find(|f| f.code == FindingCode::StateRootFork).expect("fork");
    assert_eq!((fork.source, fork.batch_id), (Source::Onchain, Some(uuid_to_bytes32(&second))));
    assert_eq!(fork.actual, Some(hex(&forked.new_state_root)));
    assert_eq!(fork.previous_batch_id, Some(uuid_to_bytes32(&first)));
    assert!(report.has(FindingCode::OnchainMismatch), "{}", report.to_table());
    assert!(!report.has(FindingCode::HeadMismatch), "{}", report.to_table());
}
