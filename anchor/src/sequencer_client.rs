//! HTTP client of the sequencer's anchor-compat endpoints. Paths, wire types and the
//! classification of answers come from `set_core::sequencer`.

use std::time::Duration;

use set_core::sequencer::{
    anchored_path, authorization_value, classify_anchored_response, parse_error_body, parse_pending, pending_path,
    AnchorNotification, AnchoredOutcome, PendingCommitment, AUTH_HEADER,
};
use uuid::Uuid;

use crate::secret::Secret;

/// Failures talking to the sequencer.
#[derive(Debug, thiserror::Error)]
pub enum SequencerClientError {
    /// Connection, timeout or body read failure.
    #[error("sequencer unreachable: {0}")]
    Transport(String),
    /// 401/403: the API key is missing, wrong or not bootstrap admin.
    #[error("sequencer refused the credential ({status}): {message}")]
    Unauthorized {
        /// HTTP status.
        status: u16,
        /// Server message.
        message: String,
    },
    /// Any other non-2xx answer.
    #[error("sequencer answered {status}: {message}")]
    Status {
        /// HTTP status.
        status: u16,
        /// Server message.
        message: String,
    },
    /// A 2xx body that does not parse.
    #[error("sequencer body: {0}")]
    Body(String),
}

/// The client.
#[derive(Debug, Clone)]
pub struct SequencerClient {
    http: reqwest::Client,
    base: String,
    api_key: Secret,
}

impl SequencerClient {
    /// A client for `base` (no trailing `/`).
    ///
    /// # Errors
    /// [`SequencerClientError::Transport`] if the HTTP client cannot be built.
    pub fn new(
        base: &str,
        api_key: Secret,
        timeout: Duration,
        connect_timeout: Duration,
    ) -> Result<Self, SequencerClientError> {
        let http = set_http::client_builder(&[])
            .map_err(|err| SequencerClientError::Transport(err.to_string()))?
            .timeout(timeout)
            .connect_timeout(connect_timeout)
            .build()
            .map_err(|err| SequencerClientError::Transport(err.to_string()))?;
        Ok(SequencerClient { http, base: base.to_owned(), api_key })
    }

    fn with_auth(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        if self.api_key.is_empty() {
            request
        } else {
            request.header(AUTH_HEADER, authorization_value(self.api_key.expose()))
        }
    }

    /// One page of `GET /v1/commitments/pending?limit=N`.
    ///
    /// # Errors
    /// [`SequencerClientError`].
    pub async fn pending_page(&self, limit: u32) -> Result<Vec<PendingCommitment>, SequencerClientError> {
        let url = format!("{}{}", self.base, pending_path(limit));
        let response = self
            .with_auth(self.http.get(url))
            .send()
            .await
            .map_err(|err| SequencerClientError::Transport(err.without_url().to_string()))?;
        let status = response.status().as_u16();
        let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).map(ToOwned::to_owned);
        let body = response.text().await.map_err(|err| SequencerClientError::Transport(err.to_string()))?;
        if !(200..300).contains(&status) {
            let message = parse_error_body(status, content_type.as_deref(), &body).message().to_owned();
            return Err(if status == 401 || status == 403 {
                SequencerClientError::Unauthorized { status, message }
            } else {
                SequencerClientError::Status { status, message }
            });
        }
        parse_pending(&body).map(|page| page.commitments).map_err(|err| SequencerClientError::Body(err.to_string()))
    }

    /// `POST /v1/commitments/{id}/anchored`; the answer is classified by `set-core`.
    ///
    /// # Errors
    /// [`SequencerClientError::Transport`] when no answer arrived.
    pub async fn notify(
        &self,
        batch_id: &Uuid,
        note: &AnchorNotification,
    ) -> Result<AnchoredOutcome, SequencerClientError> {
        let url = format!("{}{}", self.base, anchored_path(batch_id));
        let body = note.to_json().map_err(|err| SequencerClientError::Body(err.to_string()))?;
        let response = self
            .with_auth(self.http.post(url).header("content-type", "application/json").body(body))
            .send()
            .await
            .map_err(|err| SequencerClientError::Transport(err.without_url().to_string()))?;
        let status = response.status().as_u16();
        let text = response.text().await.map_err(|err| SequencerClientError::Transport(err.to_string()))?;
        Ok(classify_anchored_response(status, &text))
    }
}
