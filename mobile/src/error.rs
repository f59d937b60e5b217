//! The one place core and client errors become Kotlin exceptions and Swift errors.
//!
//! [`SetError`] has one variant per `set-core` module, so a Kotlin `when` or a Swift `catch`
//! branches on where the error comes from (`SetException.Receipt`, `SetError.Merkle`), and
//! every variant carries the core's stable `code` (`WRONG_LENGTH`, `INVALID_HEX`,
//! `UNKNOWN_SCHEME`, …, the same strings as the JS and Python packages), the `field` at fault
//! (the core's dotted path, `None` where it names none) and the core's message. Fielded variants, as bdk-ffi's ADR 03 decides: Kotlin's
//! `message` shows `code=…, errorMessage=…`; Swift's description shows the same fields.
//!
//! A failed `SetClient` call (feature `client`) is the one [`SetError::Client`] variant, which
//! also carries the HTTP status and the server's URL.
//!
//! A malformed bundle is a `Receipt` error whatever its cause (bad hex, a bad UUID): the module
//! is the one of the call, the code says what was wrong, exactly as in the other bindings.

/// Any error of this library. Kotlin: `io.setchain.core.SetException` (sealed, one subclass per
/// variant); Swift: `SetChainCore.SetError`. Every variant has the same three fields.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Debug, Display)]
pub enum SetError {
    /// Hex or length (`INVALID_HEX`, `WRONG_LENGTH`).
    #[error("{error_message}")]
    Encoding {
        /// The core's stable code.
        code: String,
        /// The dotted path of the input at fault (`receipt.receipt_hash`, `trust.registry`,
        /// `proof[2]`), `None` where the core names none.
        field: Option<String>,
        /// The core's message, for people.
        error_message: String,
    },
    /// Identifiers (`INVALID_UUID`, `NOT_PADDED_UUID`, or an encoding code).
    #[error("{error_message}")]
    Id {
        /// The core's stable code.
        code: String,
        /// The dotted path of the input at fault (`receipt.receipt_hash`, `trust.registry`,
        /// `proof[2]`), `None` where the core names none.
        field: Option<String>,
        /// The core's message, for people.
        error_message: String,
    },
    /// Merkle proofs (`UNKNOWN_SCHEME`, `INDEX_OUT_OF_RANGE`, `PROOF_LENGTH_MISMATCH`,
    /// `INVALID_LEAF_COUNT`, `PROOF_TOO_LONG`, …).
    #[error("{error_message}")]
    Merkle {
        /// The core's stable code.
        code: String,
        /// The dotted path of the input at fault (`receipt.receipt_hash`, `trust.registry`,
        /// `proof[2]`), `None` where the core names none.
        field: Option<String>,
        /// The core's message, for people.
        error_message: String,
    },
    /// VES events and hashing (`INVALID_JSON`, `INVALID_PUBLIC_KEY`, …).
    #[error("{error_message}")]
    Ves {
        /// The core's stable code.
        code: String,
        /// The dotted path of the input at fault (`receipt.receipt_hash`, `trust.registry`,
        /// `proof[2]`), `None` where the core names none.
        field: Option<String>,
        /// The core's message, for people.
        error_message: String,
    },
    /// Malformed receipt bundles, trust documents and trust roots (`INVALID_JSON`,
    /// `UNSUPPORTED_FORMAT`, `NETWORK_NOT_PINNED`, `INVALID_HEX`, `WRONG_LENGTH`, `INVALID_UUID`,
    /// `INVALID_ABI`, …). A bundle that parses but fails a check is a verdict, never this error.
    #[error("{error_message}")]
    Receipt {
        /// The core's stable code.
        code: String,
        /// The dotted path of the input at fault (`receipt.receipt_hash`, `trust.registry`,
        /// `proof[2]`), `None` where the core names none.
        field: Option<String>,
        /// The core's message, for people.
        error_message: String,
    },
    /// SetRegistry ABI (`INVALID_ABI`, `TRUNCATED`, …).
    #[error("{error_message}")]
    Registry {
        /// The core's stable code.
        code: String,
        /// The dotted path of the input at fault (`receipt.receipt_hash`, `trust.registry`,
        /// `proof[2]`), `None` where the core names none.
        field: Option<String>,
        /// The core's message, for people.
        error_message: String,
    },
    /// SetPaymaster ABI and decisions (not exposed by this library yet; kept so that the
    /// mapping of the core's errors is total).
    #[error("{error_message}")]
    Paymaster {
        /// The core's stable code.
        code: String,
        /// The dotted path of the input at fault (`receipt.receipt_hash`, `trust.registry`,
        /// `proof[2]`), `None` where the core names none.
        field: Option<String>,
        /// The core's message, for people.
        error_message: String,
    },
    /// Sequencer JSON (not exposed by this library yet; kept so that the mapping is total).
    #[error("{error_message}")]
    Sequencer {
        /// The core's stable code.
        code: String,
        /// The dotted path of the input at fault (`receipt.receipt_hash`, `trust.registry`,
        /// `proof[2]`), `None` where the core names none.
        field: Option<String>,
        /// The core's message, for people.
        error_message: String,
    },
    /// The store agent's side: an event the sequencer would reject (its own codes,
    /// `SCHEMA_VALIDATION`, …), a signature that does not verify with the agent's key
    /// (`SIGNATURE_MISMATCH`), an ingest answer that cannot be accepted (`RECEIPT_NOT_VERIFIED`).
    #[error("{error_message}")]
    Agent {
        /// The core's stable code.
        code: String,
        /// The dotted path of the input at fault (`created_at`, `events[1].created_at`,
        /// `ml_dsa_65_signature`, `receipts[0]`), `None` where the core names none.
        field: Option<String>,
        /// The core's message, for people.
        error_message: String,
    },
    /// Anchoring pre-flight checks (not exposed by this library; kept so that the mapping is total).
    #[error("{error_message}")]
    Anchoring {
        /// The core's stable code.
        code: String,
        /// The dotted path of the input at fault (`receipt.receipt_hash`, `trust.registry`,
        /// `proof[2]`), `None` where the core names none.
        field: Option<String>,
        /// The core's message, for people.
        error_message: String,
    },
    /// An anchor proof that does not show what it must (`PROOF_NODE_MISMATCH`,
    /// `PROOF_WRONG_ACCOUNT`, `PROOF_NOT_COMMITTED`, `UNTRUSTED_L2_HEADER`,
    /// `UNTRUSTED_OUTPUT_ROOT`, …), naming the field or proof node at fault
    /// (`anchor.proof.account_proof[0]`): the `error` of a failed [`crate::receipt::AnchorProofOutcome`].
    #[error("{error_message}")]
    AnchorProof {
        /// The core's stable code.
        code: String,
        /// The dotted path of the input at fault (`receipt.receipt_hash`, `trust.registry`,
        /// `proof[2]`), `None` where the core names none.
        field: Option<String>,
        /// The core's message, for people.
        error_message: String,
    },
    /// A `SetClient` call that failed (feature `client`, module `client`): the code of
    /// set-client's `ClientError` (`CONFIG`, `SEQUENCER_UNREACHABLE`, `SEQUENCER_STATUS`,
    /// `CHAIN_RPC`, `WRONG_CHAIN`, `ANCHOR_TRANSACTION`, `NOT_ANCHORED`, `TIMEOUT`, or the core's
    /// own code when the core refused: `PARTS_MISMATCH`, `RECEIPT_NOT_VERIFIED`,
    /// `INVALID_FIELD_VALUE`, …), and which server answered what.
    #[error("{error_message}")]
    Client {
        /// The stable code, as `ClientError::code()` in Rust.
        code: String,
        /// The field or setting at fault (`receipt.event_id`, `events`, `sequencer_url`), `None`
        /// where there is none.
        field: Option<String>,
        /// The HTTP status of the sequencer's error answer (401, 400, …), `None` otherwise.
        status: Option<u16>,
        /// The URL of the server that answered or failed (the sequencer's request URL or the
        /// chain RPC's), `None` when no server is concerned (configuration, a local refusal, a
        /// time-out).
        url: Option<String>,
        /// The client's message, for people.
        error_message: String,
    },
}

impl SetError {
    /// The core's stable code of any variant.
    pub fn code(&self) -> &str {
        self.parts().0
    }

    /// The field at fault of any variant.
    pub fn field(&self) -> Option<&str> {
        self.parts().1
    }

    fn parts(&self) -> (&str, Option<&str>) {
        match self {
            SetError::Encoding { code, field, .. }
            | SetError::Id { code, field, .. }
            | SetError::Merkle { code, field, .. }
            | SetError::Ves { code, field, .. }
            | SetError::Receipt { code, field, .. }
            | SetError::Registry { code, field, .. }
            | SetError::Paymaster { code, field, .. }
            | SetError::Sequencer { code, field, .. }
            | SetError::Agent { code, field, .. }
            | SetError::Anchoring { code, field, .. }
            | SetError::AnchorProof { code, field, .. }
            | SetError::Client { code, field, .. } => (code, field.as_deref()),
        }
    }
}

impl From<set_core::Error> for SetError {
    fn from(error: set_core::Error) -> Self {
        let code = error.code().to_owned();
        let field = error.field().map(str::to_owned);
        let error_message = error.to_string();
        match error {
            set_core::Error::Encoding(_) => SetError::Encoding { code, field, error_message },
            set_core::Error::Id(_) => SetError::Id { code, field, error_message },
            set_core::Error::Merkle(_) => SetError::Merkle { code, field, error_message },
            set_core::Error::Ves(_) => SetError::Ves { code, field, error_message },
            set_core::Error::Receipt(_) => SetError::Receipt { code, field, error_message },
            set_core::Error::Registry(_) => SetError::Registry { code, field, error_message },
            set_core::Error::Paymaster(_) => SetError::Paymaster { code, field, error_message },
            set_core::Error::Sequencer(_) => SetError::Sequencer { code, field, error_message },
            set_core::Error::Anchoring(_) => SetError::Anchoring { code, field, error_message },
            set_core::Error::AnchorProof(_) => SetError::AnchorProof { code, field, error_message },
            set_core::Error::Agent(_) => SetError::Agent { code, field, error_message },
            // `set_core::Error` is non-exhaustive; a module added later is reported with the
            // anchoring checks' class until it gets its own (its code and field are kept).
            _ => SetError::Anchoring { code, field, error_message },
        }
    }
}

/// Converts any core module error (each converts into [`set_core::Error`]) to a [`SetError`].
pub(crate) fn core_error(error: impl Into<set_core::Error>) -> SetError {
    SetError::from(error.into())
}

#[cfg(feature = "client")]
impl From<set_client::ClientError> for SetError {
    fn from(error: set_client::ClientError) -> Self {
        SetError::Client {
            code: error.code().to_owned(),
            field: error.field().map(str::to_owned),
            status: error.status(),
            url: error.url().map(str::to_owned),
            error_message: error.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use set_core::encoding::EncodingError;
    use set_core::merkle::MerkleError;

    #[test]
    fn variant_follows_the_core_module_and_keeps_code_and_message() {
        let error = core_error(EncodingError::wrong_length("root", 32, 1));
        assert_eq!(
            error,
            SetError::Encoding {
                code: "WRONG_LENGTH".into(),
                field: Some("root".into()),
                error_message: "root: expected 32 bytes, got 1".into()
            }
        );
        assert_eq!(error.to_string(), "root: expected 32 bytes, got 1");
        let error = core_error(MerkleError::ZeroLeafCount);
        assert!(matches!(error, SetError::Merkle { .. }));
        assert_eq!((error.code(), error.field()), ("INVALID_LEAF_COUNT", None));
    }

    #[cfg(feature = "client")]
    #[test]
    fn a_client_error_keeps_its_code_status_field_and_url() {
        use set_client::ClientError;
        let error = SetError::from(ClientError::SequencerStatus {
            url: "http://127.0.0.1:9/api/v1/ves/events/ingest".into(),
            status: 401,
            server_code: Some("invalid_api_key".into()),
            excerpt: "Invalid API key".into(),
        });
        let SetError::Client { code, field, status, url, error_message } = &error else {
            panic!("not a client error: {error:?}")
        };
        assert_eq!((code.as_str(), field.as_deref(), *status), ("SEQUENCER_STATUS", None, Some(401)));
        assert_eq!(url.as_deref(), Some("http://127.0.0.1:9/api/v1/ves/events/ingest"));
        assert!(error_message.contains("HTTP 401 invalid_api_key"), "{error_message}");

        // A setting at fault and a core refusal keep their code and field; no server, no status.
        let config = |trust_root: &str| {
            let config = set_client::ClientConfig::new(
                trust_root,
                "http://127.0.0.1:1",
                "http://127.0.0.1:2",
                set_client::Auth::None,
            );
            SetError::from(config.expect_err(trust_root))
        };
        let no_chain = config(r#"{"sequencer_public_keys": []}"#);
        assert_eq!((no_chain.code(), no_chain.field()), ("CONFIG", Some("trust.chain_id")));
        assert!(matches!(no_chain, SetError::Client { status: None, url: None, .. }));
        let unpinned = config(r#"{"format": "set-trust-root-v1", "network": "n", "sequencer_public_keys": []}"#);
        assert_eq!((unpinned.code(), unpinned.field()), ("INVALID_JSON", Some("trust.chain_id")));

        let error = SetError::from(ClientError::WrongChain { url: "http://rpc".into(), served: 1, pinned: 2 });
        assert!(matches!(&error, SetError::Client { url: Some(url), status: None, .. } if url == "http://rpc"));
        assert_eq!((error.code(), error.field()), ("WRONG_CHAIN", None));
    }
}
