//! The one HTTP client the sequencer side and the chain side share: set-http's reqwest over
//! rustls with the `ring` provider, trusting the Mozilla root set and the configuration's
//! [`ClientConfig::extra_root_certificates`]. `http://` URLs are sent in the clear as before.

use crate::config::ClientConfig;
use crate::error::ClientError;

/// The field a certificate that does not parse is reported under.
const EXTRA_ROOTS_FIELD: &str = "extra_root_certificates";

/// The HTTP client for `config`: its time-outs, TLS through rustls and `ring`, the Mozilla roots
/// plus `config.extra_root_certificates`.
///
/// # Errors
/// [`ClientError::Config`] naming `extra_root_certificates` for an entry that is not a
/// certificate, or `http_client` when reqwest refuses its settings.
pub(crate) fn http_client(config: &ClientConfig) -> Result<reqwest::Client, ClientError> {
    // The program's other reqwest clients, built the plain way, work after its first Client.
    set_http::install_tls_provider();
    let builder = set_http::client_builder(&config.extra_root_certificates).map_err(|err| match err {
        set_http::TlsSetupError::RootCertificate { .. } => {
            ClientError::Config { field: EXTRA_ROOTS_FIELD, reason: err.to_string() }
        }
        other => ClientError::Config { field: "http_client", reason: other.to_string() },
    })?;
    builder
        .timeout(config.request_timeout)
        .connect_timeout(config.connect_timeout)
        .build()
        .map_err(|err| ClientError::Config { field: "http_client", reason: err.to_string() })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// A trust root that pins a chain and a registry, for clients that send nothing.
    const TRUST_ROOT: &str = r#"{"format": "set-trust-root-v1", "network": "t", "chain_id": 1,
        "registry": "0x0101010101010101010101010101010101010101", "sequencer_public_keys": []}"#;

    #[test]
    fn after_a_client_is_built_other_reqwest_clients_of_the_program_build_too() {
        crate::Client::new(ClientConfig::chain_only(TRUST_ROOT, "http://127.0.0.1:1").expect("config"))
            .expect("client");
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
        // Without a process default provider this panics (reqwest's rustls-no-provider).
        reqwest::Client::builder().build().expect("a plain reqwest client");
    }

    #[test]
    fn an_entry_that_is_not_a_certificate_is_a_config_error_naming_the_field_and_the_entry() {
        // The shared test root of the language clients (tests/conformance/README.md).
        let good = include_bytes!("../../tests/conformance/client/private-root.pem").to_vec();
        let mut config = ClientConfig::chain_only(TRUST_ROOT, "https://127.0.0.1:1").expect("config");
        config.extra_root_certificates = vec![good, b"\x30\x03\x02\x01\x01".to_vec()];
        let err = http_client(&config).expect_err("not a certificate");
        assert_eq!((err.code(), err.field()), ("CONFIG", Some(EXTRA_ROOTS_FIELD)));
        let text = err.to_string();
        assert!(text.contains("entry 1") && text.contains("not a usable root certificate"), "{text}");
    }

    /// The commitment the sequencer 0.2.7 answered (`tests/captured/`), as the loopback
    /// sequencer's `GET /api/v1/ves/commitments/{id}` body.
    const COMMITMENT: &str = r#"{"anchored_at": null, "batch_id": "a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b",
        "chain_block_number": null, "chain_id": null, "chain_tx_hash": null,
        "committed_at": "2026-11-22T03:27:27.215972685Z", "is_anchored": false, "leaf_count": 3,
        "merkle_root": "bd2e1989b38d09487fd91e4d7f0edc509a584b7cf33b290c96fcd40467ee13fc",
        "new_state_root": "a69cf2828b3326709da9c8131adcc1db4f6c6f9f160b583eedea7beab3f3172b",
        "padded_leaf_count": 4,
        "prev_state_root": "0000000000000000000000000000000000000000000000000000000000000000",
        "sequence_end": 3, "sequence_start": 1, "store_id": "d23f0824-128b-4f33-8c5c-7fd0a6a3a450",
        "tenant_id": "6513270e-269e-4d37-b2a7-4de452e6b438", "tree_depth": 2, "ves_version": 1}"#;
    const BATCH_ID: &str = "a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b";
    const CHAIN_ID: u64 = 31_337;

    /// One sequencer endpoint and `eth_chainId` (any other method is a JSON-RPC error).
    fn loopback_routes() -> axum::Router {
        use axum::routing::{get, post};
        let json = |body: String| ([("content-type", "application/json")], body);
        axum::Router::new()
            .route(
                "/api/v1/ves/commitments/{id}",
                get(move |axum::extract::Path(id): axum::extract::Path<String>| async move {
                    if id == BATCH_ID {
                        Ok(json(COMMITMENT.to_owned()))
                    } else {
                        Err(axum::http::StatusCode::NOT_FOUND)
                    }
                }),
            )
            .route(
                "/",
                post(move |body: String| async move {
                    let request: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
                    let answer = match request["method"].as_str() {
                        Some("eth_chainId") => serde_json::json!({"jsonrpc": "2.0", "id": request["id"],
                            "result": format!("{CHAIN_ID:#x}")}),
                        _ => serde_json::json!({"jsonrpc": "2.0", "id": request["id"],
                            "error": {"code": -32601, "message": "method not found"}}),
                    };
                    json(answer.to_string())
                }),
            )
    }

    /// A TCP listener whose connections are TLS: the handshake happens in `accept`, and a
    /// connection whose handshake fails (the client refused the certificate) is dropped.
    struct TlsListener {
        tcp: tokio::net::TcpListener,
        acceptor: tokio_rustls::TlsAcceptor,
    }

    impl axum::serve::Listener for TlsListener {
        type Io = tokio_rustls::server::TlsStream<tokio::net::TcpStream>;
        type Addr = std::net::SocketAddr;

        async fn accept(&mut self) -> (Self::Io, Self::Addr) {
            loop {
                let Ok((tcp, peer)) = self.tcp.accept().await else { continue };
                if let Ok(tls) = self.acceptor.accept(tcp).await {
                    return (tls, peer);
                }
            }
        }

        fn local_addr(&self) -> std::io::Result<Self::Addr> {
            self.tcp.local_addr()
        }
    }

    /// Serves [`loopback_routes`] on 127.0.0.1 over HTTPS with a certificate for `127.0.0.1`
    /// signed by itself, and over plain HTTP; the two base URLs and the certificate (PEM).
    async fn loopback_servers() -> (String, String, String) {
        let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).expect("rcgen");
        let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
        let server = rustls::ServerConfig::builder_with_provider(Arc::new(set_http::ring_provider()))
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![certified.cert.der().clone()], key)
            .expect("server certificate");
        let tcp = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let tls = TlsListener { tcp, acceptor: tokio_rustls::TlsAcceptor::from(Arc::new(server)) };
        let https = format!("https://{}", axum::serve::Listener::local_addr(&tls).expect("addr"));
        tokio::spawn(async move { axum::serve(tls, loopback_routes()).await });
        let plain = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let http = format!("http://{}", plain.local_addr().expect("addr"));
        tokio::spawn(async move { axum::serve(plain, loopback_routes()).await });
        (https, http, certified.cert.pem())
    }

    /// A client of the loopback servers at `base` (both sides), tried once per request.
    fn loopback_client(base: &str, extra_root_certificates: Vec<Vec<u8>>) -> crate::Client {
        let trust = set_core::receipt::Trust {
            chain_id: Some(CHAIN_ID),
            registry: Some(set_core::encoding::Address::repeat_byte(1)),
            ..Default::default()
        };
        let mut config = ClientConfig::from_trust(trust, base, &format!("{base}/"), crate::Auth::None).expect("config");
        config.extra_root_certificates = extra_root_certificates;
        config.retry.max_attempts = 1;
        crate::Client::new(config).expect("client")
    }

    #[tokio::test]
    async fn https_with_the_servers_root_added_reads_both_sides_and_without_it_fails_on_the_certificate() {
        let (https, http, certificate) = loopback_servers().await;
        let batch_id: uuid::Uuid = BATCH_ID.parse().expect("uuid");

        let trusting = loopback_client(&https, vec![certificate.into_bytes()]);
        let commitment = trusting.commitment(&batch_id).await.expect("commitment over https");
        assert_eq!((commitment.batch_id, commitment.sequence_end), (batch_id, 3));
        assert_eq!(trusting.chain.chain_id().await.expect("eth_chainId over https"), CHAIN_ID);

        // The Mozilla set alone does not hold a certificate made a moment ago.
        let stranger = loopback_client(&https, Vec::new());
        let err = stranger.commitment(&batch_id).await.expect_err("unknown issuer");
        assert_eq!(err.code(), "SEQUENCER_UNREACHABLE");
        assert!(err.to_string().contains("UnknownIssuer"), "{err}");
        let err = stranger.chain.chain_id().await.expect_err("unknown issuer");
        assert_eq!(err.code(), "CHAIN_RPC");
        assert!(err.to_string().contains("UnknownIssuer"), "{err}");

        // Plain HTTP is still spoken (loopback tests, the dev sequencer).
        let plain = loopback_client(&http, Vec::new());
        assert_eq!(plain.commitment(&batch_id).await.expect("commitment over http").batch_id, batch_id);
        assert_eq!(plain.chain.chain_id().await.expect("eth_chainId over http"), CHAIN_ID);
    }
}
