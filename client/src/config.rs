//! What a [`crate::Client`] talks to and how: the pinned network (a `set-trust-root-v1`
//! document), the two URLs, the sequencer credential, timeouts, and the retry and polling
//! back-off.

use std::fmt;
use std::time::Duration;

use set_core::encoding::Address;
use set_core::receipt::Trust;

use crate::error::ClientError;

/// The sequencer credential, sent on every request in the form the sequencer accepts.
///
/// `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// No credential (a sequencer with authentication disabled).
    None,
    /// An API key (starts with `ss_`) as `Authorization: ApiKey <key>`, the form the sequencer
    /// documents.
    ApiKey(String),
    /// An API key in the `X-API-Key` header, which the sequencer also reads.
    XApiKey(String),
    /// A JWT as `Authorization: Bearer <jwt>`. The sequencer reads only JWTs after `Bearer`: an
    /// API key sent this way is refused with 401.
    BearerJwt(String),
}

impl Auth {
    /// The header name and value to send, `None` for [`Auth::None`].
    pub fn header(&self) -> Option<(&'static str, String)> {
        match self {
            Auth::None => None,
            Auth::ApiKey(key) => {
                Some((set_core::sequencer::AUTH_HEADER, set_core::sequencer::authorization_value(key)))
            }
            Auth::XApiKey(key) => Some(("x-api-key", key.clone())),
            Auth::BearerJwt(jwt) => Some((set_core::sequencer::AUTH_HEADER, format!("Bearer {jwt}"))),
        }
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Auth::None => "Auth::None",
            Auth::ApiKey(_) => "Auth::ApiKey(<redacted>)",
            Auth::XApiKey(_) => "Auth::XApiKey(<redacted>)",
            Auth::BearerJwt(_) => "Auth::BearerJwt(<redacted>)",
        })
    }
}

/// Bounded exponential back-off: at most `max_attempts` tries, the n-th retry after
/// `initial_backoff × 2^(n−1)`, never more than `max_backoff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries in all, the first included (1 = no retry).
    pub max_attempts: u32,
    /// Pause before the first retry.
    pub initial_backoff: Duration,
    /// Longest pause between two tries.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    /// 5 tries, pauses of 200 ms, 400 ms, 800 ms, 1.6 s (capped at 5 s).
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// The pause after failed try number `attempt` (1-based) before the next one.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(31);
        self.initial_backoff.saturating_mul(1u32 << doublings).min(self.max_backoff)
    }
}

/// Everything a [`crate::Client`] needs. Build it with [`ClientConfig::new`] (or
/// [`ClientConfig::from_trust`]), then adjust the public fields.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The pinned network: chain id, SetRegistry, sequencer keys, signature policy. Receipts are
    /// verified with its keys on arrival; the chain is read only at its registry, on a node whose
    /// `eth_chainId` is its chain id.
    pub trust: Trust,
    /// Base URL of the sequencer (`https://host` or `http://host:port`, no trailing path). `None` for a client
    /// that only reads the chain ([`ClientConfig::chain_only`]).
    pub sequencer_url: Option<reqwest::Url>,
    /// Set Chain JSON-RPC endpoint (configuration, not trust: its chain id is checked). `None`
    /// for a client that only talks to the sequencer ([`ClientConfig::sequencer_only`]).
    pub chain_rpc_url: Option<reqwest::Url>,
    /// The sequencer credential.
    pub auth: Auth,
    /// Root certificates trusted besides the Mozilla set every client trusts (`webpki-roots`,
    /// compiled in: the same on every platform, the OS store is not read). Each entry is one
    /// certificate in DER, or PEM text with one or more `CERTIFICATE` blocks. For a private
    /// deployment whose sequencer or RPC has a certificate of its own authority, or a network
    /// whose HTTPS passes through an inspecting proxy. Empty by default; an entry that is not a
    /// certificate makes [`crate::Client::new`] fail with [`ClientError::Config`] naming
    /// `extra_root_certificates`. `http://` URLs need none.
    pub extra_root_certificates: Vec<Vec<u8>>,
    /// Longest wait for one HTTP request, sequencer or chain (default 20 s).
    pub request_timeout: Duration,
    /// Longest wait to connect (default 5 s).
    pub connect_timeout: Duration,
    /// Retries of one sequencer request on transport errors and 5xx answers.
    pub retry: RetryPolicy,
    /// Polling of the `wait_*` calls: first pause `initial_backoff`, doubling up to
    /// `max_backoff` (`max_attempts` unused: the caller's timeout bounds them).
    pub poll: RetryPolicy,
    /// First block [`crate::Client::bundle`] and [`crate::Client::audit_stream`] search for
    /// `BatchCommitted` logs (the registry's deployment block; default 0).
    pub logs_from_block: u64,
    /// Most blocks one `eth_getLogs` request of [`crate::Client::audit_stream`] covers (default
    /// 5,000; public RPCs refuse wide ranges, often past 10,000 blocks). At least 1.
    pub logs_page_blocks: u64,
}

impl ClientConfig {
    /// A configuration from a `set-trust-root-v1` document (JSON text), which must pin a chain id
    /// and a registry, with the default timeouts and back-off.
    ///
    /// # Errors
    /// [`ClientError::Receipt`] for a trust document core refuses (code and field as core's);
    /// [`ClientError::Config`] for a URL that does not parse or a document without `chain_id`
    /// or `registry`.
    pub fn new(
        trust_root_json: &str,
        sequencer_url: &str,
        chain_rpc_url: &str,
        auth: Auth,
    ) -> Result<Self, ClientError> {
        let trust = Trust::from_json(trust_root_json).map_err(ClientError::Receipt)?;
        Self::from_trust(trust, sequencer_url, chain_rpc_url, auth)
    }

    /// A configuration for a client that talks to the sequencer only (a store agent that sends
    /// events and keeps their receipts): every call that reads Set Chain answers
    /// [`ClientError::Config`] naming `chain_rpc_url`. The trust root must still pin a chain id
    /// and a registry, since the receipts are verified against it.
    ///
    /// # Errors
    /// As [`ClientConfig::new`].
    pub fn sequencer_only(trust_root_json: &str, sequencer_url: &str, auth: Auth) -> Result<Self, ClientError> {
        let trust = Trust::from_json(trust_root_json).map_err(ClientError::Receipt)?;
        Self::build(trust, Some(sequencer_url), None, auth)
    }

    /// A configuration for a client that reads Set Chain only (verifying bundles online): every
    /// call that needs the sequencer answers [`ClientError::Config`] naming `sequencer_url`.
    ///
    /// # Errors
    /// As [`ClientConfig::new`].
    pub fn chain_only(trust_root_json: &str, chain_rpc_url: &str) -> Result<Self, ClientError> {
        let trust = Trust::from_json(trust_root_json).map_err(ClientError::Receipt)?;
        Self::build(trust, None, Some(chain_rpc_url), Auth::None)
    }

    /// As [`ClientConfig::new`], from a [`Trust`] already read.
    ///
    /// # Errors
    /// [`ClientError::Config`] naming `sequencer_url`, `chain_rpc_url`, `trust.chain_id` or
    /// `trust.registry`.
    pub fn from_trust(trust: Trust, sequencer_url: &str, chain_rpc_url: &str, auth: Auth) -> Result<Self, ClientError> {
        Self::build(trust, Some(sequencer_url), Some(chain_rpc_url), auth)
    }

    fn build(
        trust: Trust,
        sequencer_url: Option<&str>,
        chain_rpc_url: Option<&str>,
        auth: Auth,
    ) -> Result<Self, ClientError> {
        let url = |field: &'static str, text: &str| {
            reqwest::Url::parse(text)
                .map_err(|err| ClientError::Config { field, reason: format!("{text:?} is not a URL: {err}") })
        };
        let config = ClientConfig {
            sequencer_url: sequencer_url.map(|text| url("sequencer_url", text)).transpose()?,
            chain_rpc_url: chain_rpc_url.map(|text| url("chain_rpc_url", text)).transpose()?,
            trust,
            auth,
            extra_root_certificates: Vec::new(),
            request_timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(5),
            retry: RetryPolicy::default(),
            poll: RetryPolicy {
                max_attempts: u32::MAX,
                initial_backoff: Duration::from_millis(250),
                max_backoff: Duration::from_secs(5),
            },
            logs_from_block: 0,
            logs_page_blocks: 5_000,
        };
        config.pinned()?;
        Ok(config)
    }

    /// The pinned chain id and registry.
    pub(crate) fn pinned(&self) -> Result<(u64, Address), ClientError> {
        let chain_id = self
            .trust
            .chain_id
            .ok_or(ClientError::Config { field: "trust.chain_id", reason: "the trust root pins no chain id".into() })?;
        let registry = self
            .trust
            .registry
            .ok_or(ClientError::Config { field: "trust.registry", reason: "the trust root pins no registry".into() })?;
        Ok((chain_id, registry))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_initial_pause_and_stops_at_the_cap() {
        let policy = RetryPolicy {
            max_attempts: 10,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(700),
        };
        let pauses: Vec<u128> = (1..=5).map(|attempt| policy.backoff(attempt).as_millis()).collect();
        assert_eq!(pauses, [100, 200, 400, 700, 700]);
        assert_eq!(policy.backoff(u32::MAX), Duration::from_millis(700));
    }

    #[test]
    fn each_auth_form_is_the_header_the_sequencer_reads_and_debug_hides_the_secret() {
        assert_eq!(Auth::ApiKey("ss_k".into()).header(), Some(("Authorization", "ApiKey ss_k".into())));
        assert_eq!(Auth::XApiKey("ss_k".into()).header(), Some(("x-api-key", "ss_k".into())));
        assert_eq!(Auth::BearerJwt("e.y.j".into()).header(), Some(("Authorization", "Bearer e.y.j".into())));
        assert_eq!(Auth::None.header(), None);
        assert!(!format!("{:?}", Auth::ApiKey("ss_secret".into())).contains("ss_secret"));
    }

    #[test]
    fn a_trust_without_chain_id_or_registry_or_with_a_bad_url_is_refused() {
        let pinned = Trust { chain_id: Some(1), registry: Some(Address::repeat_byte(1)), ..Trust::default() };
        let config =
            |trust: &Trust, url: &str| ClientConfig::from_trust(trust.clone(), url, "http://127.0.0.1:2", Auth::None);
        assert!(config(&pinned, "http://127.0.0.1:1").is_ok());
        let no_chain = Trust { chain_id: None, ..pinned.clone() };
        let no_registry = Trust { registry: None, ..pinned.clone() };
        for (trust, url, field) in [
            (&no_chain, "http://127.0.0.1:1", "trust.chain_id"),
            (&no_registry, "http://127.0.0.1:1", "trust.registry"),
            (&pinned, "not a url", "sequencer_url"),
        ] {
            let err = config(trust, url).expect_err(field);
            assert_eq!((err.code(), err.field()), ("CONFIG", Some(field)));
        }
    }

    #[tokio::test]
    async fn a_client_configured_for_one_side_refuses_calls_to_the_other_by_the_missing_setting() {
        let trust = r#"{"format": "set-trust-root-v1", "network": "t", "chain_id": 1,
            "registry": "0x0101010101010101010101010101010101010101", "sequencer_public_keys": []}"#;
        let sequencer_only =
            crate::Client::new(ClientConfig::sequencer_only(trust, "http://127.0.0.1:1", Auth::None).unwrap()).unwrap();
        let tenant = uuid::Uuid::nil();
        let err = sequencer_only.audit_stream(&tenant, &tenant, None).await.expect_err("no chain");
        assert_eq!((err.code(), err.field()), ("CONFIG", Some("chain_rpc_url")));

        let chain_only = crate::Client::new(ClientConfig::chain_only(trust, "http://127.0.0.1:1").unwrap()).unwrap();
        let err = chain_only.commitment(&tenant).await.expect_err("no sequencer");
        assert_eq!((err.code(), err.field()), ("CONFIG", Some("sequencer_url")));
    }
}
