//! `--serve-network`'s faulty sequencer: a loopback proxy in front of the dev sequencer that
//! fails every fifth ingest request (20 %) with a 503, alternately before forwarding it (the
//! sequencer never saw it) and after (the sequencer sequenced the events, its answer is lost).
//! The client matrix's `faulty_sequencer` case sends through it, so every language's client
//! shows that its retries sequence each event exactly once. Other requests pass unchanged;
//! `GET /_fault_proxy` answers what it did so far (`{"ingest_requests", "dropped",
//! "answers_lost"}`), so a test can check that it did fail some.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::network::DemoResult;

/// Every how many ingest requests one fails.
const FAIL_EVERY: u64 = 5;
/// The largest request body forwarded (an ingest of many hybrid events stays far below).
const MAX_BODY: usize = 32 << 20;

/// The proxy, stopped when dropped.
pub struct FaultProxy {
    /// `http://127.0.0.1:PORT`, the sequencer's base URL through the proxy.
    pub url: String,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// What the proxy does with one request.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    Pass,
    /// Answered 503 without reaching the sequencer.
    Dropped,
    /// Forwarded, then answered 503: the sequencer acted, the client does not know.
    AnswerLost,
}

/// The fate of the `n`-th ingest request (from 1): the 5th dropped, the 10th's answer lost, …
fn fate_of_ingest(n: u64) -> Fate {
    match (n % FAIL_EVERY, (n / FAIL_EVERY) % 2) {
        (0, 1) => Fate::Dropped,
        (0, _) => Fate::AnswerLost,
        _ => Fate::Pass,
    }
}

/// Starts the proxy in front of `upstream` (the sequencer's base URL), forwarding with `http`.
pub async fn start(upstream: String, http: reqwest::Client) -> DemoResult<FaultProxy> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|err| format!("fault proxy: {err}"))?;
    let url = format!("http://{}", listener.local_addr().map_err(|err| format!("fault proxy: {err}"))?);
    let ingests = Arc::new(AtomicU64::new(0));
    let upstream = Arc::new(upstream);
    let counted = ingests.clone();
    let counts = move || {
        let requests = counted.load(Ordering::SeqCst);
        let failed = |fate| (1..=requests).filter(|&n| fate_of_ingest(n) == fate).count();
        let body = format!(
            r#"{{"ingest_requests": {requests}, "dropped": {}, "answers_lost": {}}}"#,
            failed(Fate::Dropped),
            failed(Fate::AnswerLost)
        );
        async move { ([(axum::http::header::CONTENT_TYPE, "application/json")], body) }
    };
    let handler = move |request: Request| {
        let (http, upstream, ingests) = (http.clone(), upstream.clone(), ingests.clone());
        async move {
            let fate = if request.uri().path().ends_with("/ves/events/ingest") {
                fate_of_ingest(ingests.fetch_add(1, Ordering::SeqCst) + 1)
            } else {
                Fate::Pass
            };
            forward(&http, &upstream, request, fate).await
        }
    };
    let app = axum::Router::new().route("/_fault_proxy", axum::routing::get(counts)).fallback(handler);
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(FaultProxy { url, server })
}

async fn forward(http: &reqwest::Client, upstream: &str, request: Request, fate: Fate) -> Response {
    let unavailable = |what: &str| (StatusCode::SERVICE_UNAVAILABLE, format!("fault proxy: {what}")).into_response();
    if fate == Fate::Dropped {
        return unavailable("request dropped");
    }
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "fault proxy: body too large").into_response();
    };
    let path = parts.uri.path_and_query().map_or("/", |path| path.as_str());
    let mut headers = parts.headers;
    headers.remove(axum::http::header::HOST);
    let sent = http.request(parts.method, format!("{upstream}{path}")).headers(headers).body(body).send().await;
    let Ok(answer) = sent else { return unavailable("sequencer unreachable") };
    let status = answer.status();
    let content_type = answer.headers().get(axum::http::header::CONTENT_TYPE).cloned();
    let Ok(bytes): Result<Bytes, _> = answer.bytes().await else { return unavailable("answer unreadable") };
    if fate == Fate::AnswerLost {
        return unavailable("answer lost");
    }
    let mut response = (status, bytes).into_response();
    if let Some(content_type) = content_type {
        response.headers_mut().insert(axum::http::header::CONTENT_TYPE, content_type);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_ingest_in_five_fails_alternating_before_and_after_the_sequencer() {
        let fates: Vec<Fate> = (1..=20).map(fate_of_ingest).collect();
        let failed: Vec<(usize, Fate)> =
            fates.iter().enumerate().filter(|(_, fate)| **fate != Fate::Pass).map(|(i, fate)| (i + 1, *fate)).collect();
        assert!(failed == [(5, Fate::Dropped), (10, Fate::AnswerLost), (15, Fate::Dropped), (20, Fate::AnswerLost)]);
    }
}
