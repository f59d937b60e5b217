//! The sequencer's HTTP side: one request with the credential, retried on transport errors and
//! 5xx answers only, and error answers read with core's `parse_error_body`.

use reqwest::{Method, StatusCode};
use set_core::sequencer::SequencerApiError;

use crate::config::{Auth, ClientConfig, RetryPolicy};
use crate::error::{error_chain, excerpt, ClientError};

/// The sequencer over HTTP.
#[derive(Debug, Clone)]
pub(crate) struct SequencerHttp {
    http: reqwest::Client,
    /// None for a client configured without a sequencer ([`ClientConfig::chain_only`]).
    base: Option<reqwest::Url>,
    auth: Auth,
    retry: RetryPolicy,
}

/// Whether a failed try may be repeated: the request did not get an answer, or the server
/// failed (5xx). A 4xx is the server's considered refusal and would be refused again.
pub(crate) fn is_retryable(status: Option<StatusCode>) -> bool {
    status.is_none_or(|status| status.is_server_error())
}

impl SequencerHttp {
    /// The sequencer of `config`, reached through `http` (see [`crate::http::http_client`]).
    pub(crate) fn new(config: &ClientConfig, http: reqwest::Client) -> Self {
        SequencerHttp { http, base: config.sequencer_url.clone(), auth: config.auth.clone(), retry: config.retry }
    }

    /// Whether the client has a sequencer to send `path` to.
    fn configured(&self, path: &str) -> Result<(), ClientError> {
        match self.base {
            Some(_) => Ok(()),
            None => Err(ClientError::Config {
                field: "sequencer_url",
                reason: format!("{path} needs the sequencer, and the client was configured without one"),
            }),
        }
    }

    /// The base URL joined with `path_and_query` (which starts with `/`).
    pub(crate) fn url(&self, path_and_query: &str) -> String {
        let base = self.base.as_ref().map_or("", |base| base.as_str().trim_end_matches('/'));
        format!("{base}{path_and_query}")
    }

    /// Sends `method path` with `body` (JSON text); the 2xx body as text. Transport errors and 5xx
    /// answers are tried again under the retry policy; the last failure is returned.
    ///
    /// Only idempotent requests come here: reads, and ingest (the sequencer answers a repeated
    /// event with its stored receipt).
    pub(crate) async fn send(&self, method: Method, path: &str, body: Option<&str>) -> Result<String, ClientError> {
        self.configured(path)?;
        let url = self.url(path);
        let mut attempt = 1;
        loop {
            let (status, result) = self.try_once(method.clone(), &url, body).await;
            match result {
                Ok(text) => return Ok(text),
                Err(err) if attempt < self.retry.max_attempts && is_retryable(status) => {
                    tokio::time::sleep(self.retry.backoff(attempt)).await;
                    attempt += 1;
                    drop(err);
                }
                Err(err) => return Err(err),
            }
        }
    }

    /// `POST path` with `body`, tried once (a request that is not known to be idempotent: a
    /// repeat after a lost answer could act twice), its 2xx body read by `parse`.
    pub(crate) async fn post_once<T>(
        &self,
        path: &str,
        body: &str,
        parse: impl FnOnce(&str) -> Result<T, SequencerApiError>,
    ) -> Result<T, ClientError> {
        self.configured(path)?;
        let url = self.url(path);
        let text = self.try_once(Method::POST, &url, Some(body)).await.1?;
        parse(&text).map_err(|error| ClientError::SequencerAnswer { url, error, excerpt: excerpt(&text) })
    }

    /// `GET path`, its 2xx body read by `parse` (one of core's parsers).
    pub(crate) async fn get<T>(
        &self,
        path: &str,
        parse: impl FnOnce(&str) -> Result<T, SequencerApiError>,
    ) -> Result<T, ClientError> {
        let text = self.send(Method::GET, path, None).await?;
        parse(&text).map_err(|error| ClientError::SequencerAnswer {
            url: self.url(path),
            error,
            excerpt: excerpt(&text),
        })
    }

    async fn try_once(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
    ) -> (Option<StatusCode>, Result<String, ClientError>) {
        let mut request = self.http.request(method, url);
        if let Some((name, value)) = self.auth.header() {
            request = request.header(name, value);
        }
        if let Some(body) = body {
            request = request.header("content-type", "application/json").body(body.to_owned());
        }
        let unreachable =
            |err: reqwest::Error| ClientError::SequencerUnreachable { url: url.to_owned(), reason: error_chain(&err) };
        let response = match request.send().await {
            Ok(response) => response,
            Err(err) => return (None, Err(unreachable(err))),
        };
        let status = response.status();
        let content_type =
            response.headers().get("content-type").and_then(|value| value.to_str().ok()).map(str::to_owned);
        let text = match response.text().await {
            Ok(text) => text,
            // The answer was cut off: as good as none.
            Err(err) => return (None, Err(unreachable(err))),
        };
        if status.is_success() {
            return (Some(status), Ok(text));
        }
        let parsed = set_core::sequencer::parse_error_body(status.as_u16(), content_type.as_deref(), &text);
        let err = ClientError::SequencerStatus {
            url: url.to_owned(),
            status: status.as_u16(),
            server_code: parsed.code().map(str::to_owned),
            excerpt: excerpt(parsed.message()),
        };
        (Some(status), Err(err))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_transport_failures_and_server_errors_are_retried() {
        assert!(is_retryable(None));
        assert!(is_retryable(Some(StatusCode::SERVICE_UNAVAILABLE)));
        assert!(is_retryable(Some(StatusCode::INTERNAL_SERVER_ERROR)));
        assert!(!is_retryable(Some(StatusCode::UNAUTHORIZED)));
        assert!(!is_retryable(Some(StatusCode::BAD_REQUEST)));
        assert!(!is_retryable(Some(StatusCode::TOO_MANY_REQUESTS)));
    }
}
