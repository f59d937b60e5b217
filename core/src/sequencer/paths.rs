//! Endpoint paths and the credential header of the sequencer's HTTP API.

use alloc::format;
use alloc::string::String;

use uuid::Uuid;

/// Name of the header that carries the credential.
pub const AUTH_HEADER: &str = "Authorization";

/// The server's default page size for [`pending_path`] when no `limit` is sent.
pub const PENDING_LIMIT_DEFAULT: u32 = 1000;

/// The server silently caps `limit` at this value.
pub const PENDING_LIMIT_MAX: u32 = 5000;

/// Path of the VES ingest endpoint (the request type lives in the `ves` module).
pub const INGEST_PATH: &str = "/api/v1/ves/events/ingest";

/// Path of `POST /api/v1/ves/commitments` (create) and `GET` (list, with a query).
pub const VES_COMMITMENTS_PATH: &str = "/api/v1/ves/commitments";

/// Value of the [`AUTH_HEADER`] for an API key: `ApiKey <key>`.
///
/// `Bearer` is deliberately not used: the sequencer accepts only JWTs after `Bearer` (whatever
/// its own API documentation says), so an API key sent that way is rejected with 401.
/// The key is inserted verbatim; keys that do not start with `ss_` are rejected by the server.
///
/// ```
/// assert_eq!(set_core::sequencer::authorization_value("ss_abc"), "ApiKey ss_abc");
/// ```
pub fn authorization_value(api_key: &str) -> String {
    format!("ApiKey {api_key}")
}

/// Path and query of the pending-commitments endpoint, at the server root (no `/api`).
///
/// `limit` is sent as given; the server caps it at [`PENDING_LIMIT_MAX`] and returns an empty
/// list for 0.
///
/// ```
/// assert_eq!(set_core::sequencer::pending_path(50), "/v1/commitments/pending?limit=50");
/// ```
pub fn pending_path(limit: u32) -> String {
    format!("/v1/commitments/pending?limit={limit}")
}

/// Path of the anchored-notification endpoint for a commitment, at the server root.
///
/// The UUID is written hyphenated and lowercase, as the existing anchor does.
pub fn anchored_path(batch_id: &Uuid) -> String {
    format!("/v1/commitments/{}/anchored", batch_id.hyphenated())
}

/// Path of `GET /api/v1/ves/commitments/{batch_id}`.
pub fn ves_commitment_path(batch_id: &Uuid) -> String {
    format!("{VES_COMMITMENTS_PATH}/{}", batch_id.hyphenated())
}

/// Path and query of `GET /api/v1/ves/commitments?tenant_id=&store_id=`: the stream's commitments
/// that carry no tx hash yet (the sequencer lists no anchored ones).
///
/// ```
/// let id = uuid::Uuid::nil();
/// assert_eq!(
///     set_core::sequencer::ves_commitment_list_path(&id, &id),
///     "/api/v1/ves/commitments?tenant_id=00000000-0000-0000-0000-000000000000&store_id=00000000-0000-0000-0000-000000000000"
/// );
/// ```
pub fn ves_commitment_list_path(tenant_id: &Uuid, store_id: &Uuid) -> String {
    format!("{VES_COMMITMENTS_PATH}?tenant_id={}&store_id={}", tenant_id.hyphenated(), store_id.hyphenated())
}

/// Path and query of `GET /api/v1/ves/proofs/{sequence_number}`.
///
/// `batch_id` is the **commitment** id, not the `batchId` an ingest response carries; the server
/// requires all three query parameters.
pub fn ves_proof_path(sequence_number: u64, tenant_id: &Uuid, store_id: &Uuid, batch_id: &Uuid) -> String {
    format!(
        "/api/v1/ves/proofs/{sequence_number}?tenant_id={}&store_id={}&batch_id={}",
        tenant_id.hyphenated(),
        store_id.hyphenated(),
        batch_id.hyphenated()
    )
}
