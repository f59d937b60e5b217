//! The one HTTP setup every program of the Set SDK uses: reqwest over rustls with the `ring`
//! provider, trusting the Mozilla root set (`webpki-roots`) plus roots the caller adds.
//! `http://` URLs are sent in the clear as before.
//!
//! Why one crate for it: cargo unifies a crate's features across everything linked into one
//! program. Once any crate of a build turns on reqwest's rustls support without a provider,
//! reqwest panics when it builds a client in a process with no default provider, whichever crate
//! builds it. Every HTTP user of this workspace (set-client, set-anchor, the demo, the test
//! networks) therefore builds its clients from [`client_builder`], which hands reqwest a complete
//! rustls configuration, so no build depends on who installs a provider first.
//!
//! Why compiled-in roots rather than the platform's verifier: set-client runs in the Android and
//! iOS bindings, where rustls-platform-verifier needs the host app to hand it a JNI context
//! (Android) before the first request, and each platform would accept a different set of roots
//! that the Linux tests never see. The Mozilla set behaves the same everywhere; a private
//! deployment, or a network whose TLS is inspected by a corporate proxy, adds its root.

use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::RootCertStore;

/// What makes a root certificate entry PEM rather than DER.
const PEM_HEADER: &[u8] = b"-----BEGIN ";

/// Why [`client_builder`] could not set up TLS.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TlsSetupError {
    /// Entry `index` of the extra roots is not a usable certificate.
    #[error("entry {index}: {reason}")]
    RootCertificate {
        /// Position of the entry in the list the caller passed.
        index: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// rustls refused the protocol versions (not expected with the `ring` provider).
    #[error("TLS configuration: {0}")]
    Protocol(String),
}

/// A reqwest client builder whose TLS is rustls with `ring`, trusting the Mozilla roots and
/// every certificate of `extra_roots` (each entry one certificate in DER, or PEM text with one or
/// more `CERTIFICATE` blocks). Add time-outs and build it.
///
/// # Errors
/// [`TlsSetupError::RootCertificate`] for an entry that is not a certificate.
pub fn client_builder(extra_roots: &[Vec<u8>]) -> Result<reqwest::ClientBuilder, TlsSetupError> {
    let roots = root_store(extra_roots)?;
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(ring_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|err| TlsSetupError::Protocol(err.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(reqwest::Client::builder().tls_backend_preconfigured(tls))
}

/// rustls's `ring` provider: TLS 1.2 and 1.3, key exchange X25519, P-256 and P-384. Servers in
/// tests use it too, so both ends speak what a deployment speaks.
///
/// rustls 0.23.48 deprecates it because ring has no post-quantum key exchange (the hybrid
/// X25519MLKEM768 comes with aws-lc-rs, which needs cmake and is hard to cross-compile for
/// Android and iOS). Until ring or a pure-Rust provider offers ML-KEM, a recorded session could
/// be decrypted by a future quantum computer: credentials and events are exposed, their
/// signatures and receipts are not weakened.
#[allow(deprecated)]
pub fn ring_provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}

/// Makes rustls's `ring` provider the process default, unless the process already has one.
///
/// For programs that also build reqwest clients of their own with `reqwest::Client::new()` (not
/// through [`client_builder`]): with reqwest's rustls support turned on by this crate, such a
/// client panics while the process has no default provider. A program that installs a provider
/// of its own first keeps it.
pub fn install_tls_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Another thread may install one in between: its choice stands, as documented.
        let _ = ring_provider().install_default();
    }
}

/// The Mozilla roots and every certificate of `extra`.
fn root_store(extra: &[Vec<u8>]) -> Result<RootCertStore, TlsSetupError> {
    let mut roots = RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    for (index, bytes) in extra.iter().enumerate() {
        let refused = |reason: String| TlsSetupError::RootCertificate { index, reason };
        for certificate in certificates(bytes).map_err(refused)? {
            roots.add(certificate).map_err(|err| refused(format!("not a usable root certificate: {err}")))?;
        }
    }
    Ok(roots)
}

/// The certificates of one entry: PEM when it holds a PEM header (text before it, such as a
/// bundle's comments, is skipped), DER otherwise.
fn certificates(bytes: &[u8]) -> Result<Vec<CertificateDer<'static>>, String> {
    if !bytes.windows(PEM_HEADER.len()).any(|window| window == PEM_HEADER) {
        return Ok(vec![CertificateDer::from(bytes.to_vec())]);
    }
    let certificates = CertificateDer::pem_slice_iter(bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|err| format!("PEM that does not parse: {err}"))?;
    if certificates.is_empty() {
        return Err("PEM without a CERTIFICATE block".into());
    }
    Ok(certificates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn self_signed() -> rcgen::CertifiedKey<rcgen::KeyPair> {
        rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("rcgen")
    }

    #[test]
    fn a_builder_builds_without_a_process_default_provider() {
        // In this test binary nothing installs a provider; reqwest's own path would panic.
        assert!(rustls::crypto::CryptoProvider::get_default().is_none());
        client_builder(&[]).expect("builder").build().expect("a client");
    }

    #[test]
    fn extra_roots_in_der_and_pem_are_added_to_the_mozilla_set() {
        let mozilla = root_store(&[]).expect("no extra").len();
        assert!(mozilla > 100, "the Mozilla set is compiled in: {mozilla} roots");
        let (one, two) = (self_signed(), self_signed());
        let bundle = format!("# two roots\n{}{}", one.cert.pem(), two.cert.pem());
        let der = one.cert.der().to_vec();
        let store = root_store(&[der, bundle.into_bytes()]).expect("usable roots");
        assert_eq!(store.len(), mozilla + 3);
    }

    #[test]
    fn an_entry_that_is_not_a_certificate_is_refused_naming_the_entry() {
        let good = self_signed().cert.pem().into_bytes();
        let cases: [(&[u8], &str); 3] = [
            (b"\x30\x03\x02\x01\x01", "not a usable root certificate"),
            (b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "without a CERTIFICATE block"),
            (b"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n", "does not parse"),
        ];
        for (bad, why) in cases {
            let err = client_builder(&[good.clone(), bad.to_vec()]).expect_err(why);
            let TlsSetupError::RootCertificate { index, reason } = &err else { panic!("{err:?}") };
            assert_eq!(*index, 1);
            assert!(reason.contains(why), "{reason}");
        }
    }
}
