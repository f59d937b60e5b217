//! The client against a real dev sequencer and, for the anchored path, anvil with SetRegistry
//! and the real anchor: ingest, wait, bundle, verify online; retries that sequence an event once;
//! typed refusals.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use set_client::{Auth, ClientError};
use set_core::receipt::{Check, CheckStatus, Level};
use uuid::Uuid;

use support::{API_KEY, CHAIN_ID, UNUSED_REGISTRY};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ingested_event_is_bundled_once_anchored_and_verifies_online_only_at_the_pinned_registry() {
    let chain = support::start_chain().await;
    let sequencer = support::start_sequencer();
    let client = support::client(&sequencer.url, &chain.rpc_url, &chain.registry, Auth::ApiKey(API_KEY.into()));
    let (tenant, store, agent) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    support::register_agent(&sequencer.url, tenant, agent).await;

    let events: Vec<_> = (1..=3).map(|n| support::signed_order(tenant, store, agent, n)).collect();
    let outcome = client.ingest(&events).await.expect("ingest");
    assert!(outcome.rejections.is_empty(), "{:?}", outcome.rejections);
    let sequence_numbers: Vec<u64> = outcome.accepted.iter().map(|a| a.receipt.sequence_number).collect();
    assert_eq!(sequence_numbers, [1, 2, 3]);

    let batch_id = support::commit(&sequencer.url, tenant, store, 1, 3).await;
    let committed = client.wait_for_commitment(&tenant, &store, 2, Duration::from_secs(10)).await.expect("committed");
    assert_eq!((committed.batch_id, committed.chain_tx_hash), (batch_id, None));
    // Not on-chain yet: no bundle, and the error says which server said so.
    let target = &outcome.accepted[1];
    let early = client.bundle(&target.event, &target.receipt).await.expect_err("not anchored yet");
    assert_eq!(early.code(), "NOT_ANCHORED", "{early}");
    let waited = client.wait_until_anchored(&batch_id, Duration::from_millis(700)).await.expect_err("no anchor yet");
    assert!(matches!(&waited, ClientError::Timeout { what, .. } if what.contains(&sequencer.url)), "{waited}");

    support::anchor_pending(&chain, &sequencer.url).await;
    let anchored = client.wait_until_anchored(&batch_id, Duration::from_secs(30)).await.expect("anchored");
    let tx_hash = anchored.chain_tx_hash.expect("tx hash");
    // Once anchored the sequencer's list no longer holds it: found through the chain's logs.
    let found = client.wait_for_commitment(&tenant, &store, 3, Duration::from_secs(10)).await.expect("found");
    assert_eq!(found.batch_id, batch_id);

    let bundle = client.bundle(&target.event, &target.receipt).await.expect("bundle");
    let anchor = bundle.anchor.as_ref().expect("anchor");
    assert_eq!((anchor.chain_id, anchor.tx_hash), (CHAIN_ID, tx_hash));
    assert_eq!(Some(anchor.block_number), anchored.chain_block_number);
    let same = client.bundle_with_commitment(&target.event, &target.receipt, &anchored).await.expect("bundle");
    assert_eq!(same, bundle);

    let verdict = client.verify_online(&bundle).await.expect("verify");
    assert!(verdict.valid, "{:?}", verdict.checks);
    assert_eq!(verdict.level, Level::Anchored);
    assert_eq!(verdict.status(Check::Onchain), Some(&CheckStatus::Pass));
    // The pinned registry's own answer on the proof, and on the same proof for the next leaf.
    assert!(client.contract_accepts_inclusion(&bundle).await.expect("verifyVesInclusion"));
    let mut next_leaf = bundle.clone();
    next_leaf.proof.leaf_index ^= 1;
    assert!(!client.contract_accepts_inclusion(&next_leaf).await.expect("verifyVesInclusion"));

    // The same bundle claiming another registry: the chain is still read at the pinned one, and
    // the claim fails.
    let mut elsewhere = bundle.clone();
    if let Some(anchor) = elsewhere.anchor.as_mut() {
        anchor.registry = UNUSED_REGISTRY.parse().expect("address");
    }
    let refused = client.verify_online(&elsewhere).await.expect("verify");
    assert!(!refused.valid);
    assert_eq!(refused.level, Level::None);
    assert!(matches!(refused.status(Check::Anchor), Some(CheckStatus::Fail(_))), "{:?}", refused.checks);

    // Another event's receipt with this event: core refuses the parts.
    let mismatched = client.bundle(&target.event, &outcome.accepted[0].receipt).await.expect_err("mismatch");
    assert_eq!((mismatched.code(), mismatched.field()), ("PARTS_MISMATCH", Some("receipt.event_id")));

    // A client whose RPC serves another chain than the trust root pins reads nothing from it.
    let mut config = client.config().clone();
    config.trust.chain_id = Some(CHAIN_ID + 1);
    let wrong_chain = set_client::Client::new(config).expect("client");
    let err = wrong_chain.verify_online(&bundle).await.expect_err("wrong chain");
    assert!(matches!(err, ClientError::WrongChain { served: CHAIN_ID, .. }), "{err}");
    let err = wrong_chain.contract_accepts_inclusion(&bundle).await.expect_err("wrong chain");
    assert!(matches!(err, ClientError::WrongChain { served: CHAIN_ID, .. }), "{err}");
}

/// What a fault proxy does with one request.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Forwarded, the sequencer's answer passed back.
    Pass,
    /// Forwarded, but answered 503: the answer is lost on the way back.
    AnswerLost,
    /// Answered 503 without reaching the sequencer.
    Dropped,
}

/// A loopback proxy in front of the sequencer: `fate(n, is_ingest)` decides the fate of its
/// n-th request (from 1; `n` counts the ingest requests only when `is_ingest`, else every
/// request). Returns its URL and the ingest requests seen and forwarded.
async fn start_fault_proxy(
    upstream: String,
    fate: fn(usize, bool) -> Fate,
) -> (String, Arc<AtomicUsize>, Arc<AtomicUsize>) {
    use axum::response::IntoResponse;
    let (seen, forwarded) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let every = Arc::new(AtomicUsize::new(0));
    let (seen_in, forwarded_in) = (seen.clone(), forwarded.clone());
    let http = set_http::client_builder(&[]).expect("TLS setup").build().expect("client");
    let handler = move |request: axum::extract::Request| {
        let (http, upstream, seen, forwarded, every) =
            (http.clone(), upstream.clone(), seen_in.clone(), forwarded_in.clone(), every.clone());
        async move {
            let (parts, body) = request.into_parts();
            let body = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
            let is_ingest = parts.uri.path() == set_core::sequencer::INGEST_PATH;
            let nth = if is_ingest {
                seen.fetch_add(1, Ordering::SeqCst) + 1
            } else {
                every.fetch_add(1, Ordering::SeqCst) + 1
            };
            let fate = fate(nth, is_ingest);
            if fate == Fate::Dropped {
                return axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
            let mut outgoing = http.request(parts.method, format!("{upstream}{}", parts.uri)).body(body);
            for name in ["authorization", "x-api-key", "content-type"] {
                if let Some(value) = parts.headers.get(name) {
                    outgoing = outgoing.header(name, value);
                }
            }
            if is_ingest {
                forwarded.fetch_add(1, Ordering::SeqCst);
            }
            let Ok(answer) = outgoing.send().await else {
                return axum::http::StatusCode::BAD_GATEWAY.into_response();
            };
            if fate == Fate::AnswerLost {
                return axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
            let status = answer.status();
            let content_type = answer.headers().get("content-type").cloned();
            let bytes = answer.bytes().await.unwrap_or_default();
            let mut response = (status, bytes).into_response();
            if let Some(content_type) = content_type {
                response.headers_mut().insert("content-type", content_type);
            }
            response
        }
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("proxy bind");
    let url = format!("http://{}", listener.local_addr().expect("proxy addr"));
    tokio::spawn(async move {
        let _ = axum::serve(listener, axum::Router::new().fallback(handler)).await;
    });
    (url, seen, forwarded)
}

/// The first ingest request is forwarded but answered 503, the second answered 503 without
/// reaching the sequencer; later requests pass.
fn first_two_ingests_fail(nth: usize, is_ingest: bool) -> Fate {
    match (is_ingest, nth) {
        (true, 1) => Fate::AnswerLost,
        (true, 2) => Fate::Dropped,
        _ => Fate::Pass,
    }
}

/// One request in five fails, alternately with its answer lost after the sequencer acted on it
/// and dropped before it: 20 % of the ingests, and of every other request, in a fixed pattern
/// (so a run is reproducible) that never fails two requests in a row.
fn a_fifth_fails(nth: usize, _is_ingest: bool) -> Fate {
    match nth % 10 {
        3 => Fate::AnswerLost,
        8 => Fate::Dropped,
        _ => Fate::Pass,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ingest_retried_after_503s_sequences_the_event_exactly_once() {
    let sequencer = support::start_sequencer();
    let (proxy, seen, forwarded) = start_fault_proxy(sequencer.url.clone(), first_two_ingests_fail).await;
    let client = support::sequencer_client(&proxy, Auth::ApiKey(API_KEY.into()));
    let (tenant, store, agent) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    support::register_agent(&sequencer.url, tenant, agent).await;

    let first = support::signed_order(tenant, store, agent, 1);
    let outcome = client.ingest(std::slice::from_ref(&first)).await.expect("ingest after retries");
    assert_eq!((seen.load(Ordering::SeqCst), forwarded.load(Ordering::SeqCst)), (3, 2));
    // The third try reached the sequencer a second time with the same event: it answered the
    // stored receipt, verified like a new one, and sequenced nothing new.
    assert_eq!(outcome.accepted.len(), 1);
    assert_eq!((outcome.accepted[0].receipt.sequence_number, outcome.head_sequence), (1, 1));

    let second = support::signed_order(tenant, store, agent, 2);
    let next = client.ingest(&[second]).await.expect("ingest");
    assert_eq!((next.accepted[0].receipt.sequence_number, next.head_sequence), (2, 2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_api_key_is_a_typed_401_naming_the_sequencer_and_is_not_retried() {
    let sequencer = support::start_sequencer();
    let (proxy, seen, _) = start_fault_proxy(sequencer.url.clone(), first_two_ingests_fail).await;
    let (tenant, store, agent) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let event = support::signed_order(tenant, store, agent, 1);

    // Requests 1 and 2 get a 503 from the proxy; the third reaches the sequencer and its 401 ends it.
    let wrong = support::sequencer_client(&proxy, Auth::ApiKey("ss_wrong".into()));
    let err = wrong.ingest(std::slice::from_ref(&event)).await.expect_err("wrong key");
    assert_eq!((err.code(), err.status()), ("SEQUENCER_STATUS", Some(401)));
    assert!(
        matches!(&err, ClientError::SequencerStatus { url, server_code: Some(code), .. }
            if url.starts_with(&proxy) && code == "invalid_api_key"),
        "{err:?}"
    );
    assert!(err.to_string().contains(&proxy) && err.to_string().contains("401"), "{err}");
    assert_eq!(seen.load(Ordering::SeqCst), 3, "a 401 is not retried");

    // An API key sent as a Bearer token is refused too (Bearer is for JWTs).
    let bearer = support::sequencer_client(&sequencer.url, Auth::BearerJwt(API_KEY.into()));
    let err = bearer.ingest(std::slice::from_ref(&event)).await.expect_err("bearer");
    assert!(
        matches!(&err, ClientError::SequencerStatus { status: 401, server_code: Some(code), .. } if code == "invalid_jwt")
    );

    // The X-API-Key header is accepted.
    support::register_agent(&sequencer.url, tenant, agent).await;
    let header = support::sequencer_client(&sequencer.url, Auth::XApiKey(API_KEY.into()));
    assert_eq!(header.ingest(&[event]).await.expect("x-api-key").head_sequence, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rejected_events_come_back_with_the_servers_reasons_and_unsent_requests_with_cores() {
    let sequencer = support::start_sequencer();
    let client = support::sequencer_client(&sequencer.url, Auth::ApiKey(API_KEY.into()));
    let (tenant, store, agent) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    // No key registered for this agent: the sequencer rejects the event, the request succeeds.
    let event = support::signed_order(tenant, store, agent, 1);
    let outcome = client.ingest(std::slice::from_ref(&event)).await.expect("answered");
    assert!(outcome.accepted.is_empty());
    assert_eq!(outcome.rejections.len(), 1);
    assert_eq!(outcome.rejections[0].event_id, event.event_id);
    assert!(outcome.rejections[0].reason.starts_with("agent_key_invalid"), "{:?}", outcome.rejections);

    // No events at all: refused by core before anything is sent.
    let err = client.ingest(&[]).await.expect_err("empty");
    assert_eq!((err.code(), err.field()), ("INVALID_FIELD_VALUE", Some("events")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sequencer_failing_a_fifth_of_requests_loses_and_duplicates_no_event() {
    let sequencer = support::start_sequencer();
    let (proxy, seen, forwarded) = start_fault_proxy(sequencer.url.clone(), a_fifth_fails).await;
    let client = support::sequencer_client(&proxy, Auth::ApiKey(API_KEY.into()));
    let (tenant, store, agent) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    support::register_agent(&sequencer.url, tenant, agent).await;

    // 30 events, one request each (each retried as the client's policy says).
    let events: Vec<_> = (1..=30).map(|n| support::signed_order(tenant, store, agent, n)).collect();
    let mut sequenced = Vec::new();
    for event in &events {
        let outcome = client.ingest(std::slice::from_ref(event)).await.expect("ingest through the faults");
        assert_eq!(outcome.accepted.len(), 1, "{outcome:?}");
        assert_eq!(outcome.accepted[0].receipt.event_id, event.event_id);
        sequenced.push(outcome.accepted[0].receipt.sequence_number);
    }
    // Faults happened, some after the sequencer had acted (the retry then met a replay)...
    let (seen, forwarded) = (seen.load(Ordering::SeqCst), forwarded.load(Ordering::SeqCst));
    assert!(seen >= 36 && forwarded > 30, "{seen} ingest requests seen, {forwarded} forwarded");
    // ...yet every event holds exactly one sequence number, 1 to 30 in order: none lost, none twice.
    assert_eq!(sequenced, (1..=30).collect::<Vec<u64>>());

    // Reads through the same faults: the commitment holding an event, by sequence number and by id.
    support::commit(&sequencer.url, tenant, store, 1, 30).await;
    let commitment =
        client.wait_for_commitment(&tenant, &store, 17, Duration::from_secs(30)).await.expect("commitment");
    assert_eq!((commitment.sequence_start, commitment.sequence_end), (1, 30));
    for _ in 0..5 {
        assert_eq!(client.commitment(&commitment.batch_id).await.expect("commitment by id"), commitment);
    }
    let replay = client.ingest(std::slice::from_ref(&events[16])).await.expect("replay").accepted.remove(0);
    assert_eq!(replay.receipt.sequence_number, 17, "a replay answers the stored receipt");
}
