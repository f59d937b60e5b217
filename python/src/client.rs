//! `setchain.Client`: the Rust client `set-client` under this binding. Every request, retry,
//! wait and rule is set-client's (and through it set-core's); this module converts the
//! arguments in, runs the call on the extension's tokio runtime with the GIL released, and
//! converts the answer (the same dicts and `Verdict` the rest of the package returns) or the
//! error (`setchain.ClientError`) out.

use std::future::Future;
use std::sync::OnceLock;
use std::time::Duration;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use set_client::{Auth, Client, ClientConfig, ClientError, RetryPolicy};
use set_core::audit::SequencedEvent;
use set_core::receipt::ReceiptBundle;
use set_core::sequencer::{self, CommitmentRequest, IngestReceipt, VesCommitment};
use set_core::ves::VesEvent;
use tokio::runtime::Runtime;

use crate::agent::{event_of, events_of, py_ingest_outcome, py_serialized, registration_of};
use crate::convert::{json_text, py_json, u32_of, u64_of};
use crate::error::{client_error, core_error, invalid_argument};
use crate::ids::uuid_of;
use crate::ves::PyVerdict;

/// How often a blocked call takes the GIL back to let Python handle a signal (Ctrl-C raises
/// `KeyboardInterrupt` in a `wait_*` call instead of being held for its whole time-out).
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// The runtime every client of the process shares, built on first use. Multi-thread with one
/// worker: the worker keeps driving what reqwest and hyper spawn (pooled connections) between
/// calls, and any number of Python threads can block in calls at once, each future polled on its
/// own thread by `block_on`; one worker suffices because the work is waiting on sockets.
fn runtime() -> PyResult<&'static Runtime> {
    static RUNTIME: OnceLock<Result<Runtime, String>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("setchain-client")
                .enable_all()
                .build()
                .map_err(|err| err.to_string())
        })
        .as_ref()
        .map_err(|err| PyRuntimeError::new_err(format!("setchain.Client: no tokio runtime: {err}")))
}

/// Runs `future` to completion with the GIL released, taking it back every [`SIGNAL_CHECK`] to
/// let Python raise a pending `KeyboardInterrupt` (which drops, and so cancels, the call).
fn run<T: Send>(py: Python<'_>, future: impl Future<Output = Result<T, ClientError>> + Send) -> PyResult<T> {
    let runtime = runtime()?;
    let mut future = Box::pin(future);
    loop {
        // The timer is made inside `block_on`, where the runtime's clock is.
        let step = py.detach(|| runtime.block_on(async { tokio::time::timeout(SIGNAL_CHECK, &mut future).await }));
        match step {
            Ok(result) => return result.map_err(client_error),
            Err(_elapsed) => py.check_signals()?,
        }
    }
}

/// Seconds (an `int` or `float`, at least 0) as a `Duration`.
fn seconds(field: &str, value: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(value).map_err(|_| invalid_argument(field, "a number of seconds, at least 0"))
}

/// Bounded exponential back-off: at most `max_attempts` tries, the n-th retry after
/// `initial_backoff × 2^(n−1)` seconds, never more than `max_backoff`.
#[pyclass(module = "setchain._native", name = "RetryPolicy", frozen, eq)]
#[derive(PartialEq)]
pub struct PyRetryPolicy {
    policy: RetryPolicy,
}

#[pymethods]
impl PyRetryPolicy {
    /// The defaults are set-client's: 5 tries (`max_attempts=None`), 0.2 s doubling up to 5 s.
    ///
    /// # Errors
    /// `InvalidArgumentError` for a negative or non-finite number of seconds, or `max_attempts`
    /// outside 1..2^32.
    #[new]
    #[pyo3(signature = (*, max_attempts=None, initial_backoff=0.2, max_backoff=5.0))]
    fn new(max_attempts: Option<&Bound<'_, PyAny>>, initial_backoff: f64, max_backoff: f64) -> PyResult<Self> {
        let max_attempts =
            max_attempts.map_or(Ok(RetryPolicy::default().max_attempts), |value| u32_of("max_attempts", value))?;
        if max_attempts == 0 {
            return Err(invalid_argument("max_attempts", "at least 1 (the first try counts)"));
        }
        Ok(PyRetryPolicy {
            policy: RetryPolicy {
                max_attempts,
                initial_backoff: seconds("initial_backoff", initial_backoff)?,
                max_backoff: seconds("max_backoff", max_backoff)?,
            },
        })
    }

    /// Tries in all, the first included.
    #[getter]
    fn max_attempts(&self) -> u32 {
        self.policy.max_attempts
    }

    /// Pause before the first retry, in seconds.
    #[getter]
    fn initial_backoff(&self) -> f64 {
        self.policy.initial_backoff.as_secs_f64()
    }

    /// Longest pause between two tries, in seconds.
    #[getter]
    fn max_backoff(&self) -> f64 {
        self.policy.max_backoff.as_secs_f64()
    }

    fn __repr__(&self) -> String {
        format!(
            "RetryPolicy(max_attempts={}, initial_backoff={:?}, max_backoff={:?})",
            self.policy.max_attempts,
            self.policy.initial_backoff.as_secs_f64(),
            self.policy.max_backoff.as_secs_f64()
        )
    }
}

/// The credential from the keyword arguments: at most one of them.
fn auth_of(api_key: Option<String>, x_api_key: Option<String>, bearer_jwt: Option<String>) -> PyResult<Auth> {
    match (api_key, x_api_key, bearer_jwt) {
        (None, None, None) => Ok(Auth::None),
        (Some(key), None, None) => Ok(Auth::ApiKey(key)),
        (None, Some(key), None) => Ok(Auth::XApiKey(key)),
        (None, None, Some(jwt)) => Ok(Auth::BearerJwt(jwt)),
        _ => Err(invalid_argument("api_key", "at most one of api_key, x_api_key and bearer_jwt")),
    }
}

/// Root certificates from a Python iterable of `bytes` (DER or PEM) or `str` (PEM).
fn certificates_of(roots: &Bound<'_, PyAny>) -> PyResult<Vec<Vec<u8>>> {
    let expected = "an iterable of bytes (DER or PEM) or str (PEM)";
    if roots.is_instance_of::<pyo3::types::PyString>() || roots.is_instance_of::<pyo3::types::PyBytes>() {
        return Err(invalid_argument("extra_root_certificates", expected));
    }
    let items = roots.try_iter().map_err(|_| invalid_argument("extra_root_certificates", expected))?;
    items
        .enumerate()
        .map(|(index, item)| {
            let item = item?;
            let field = format!("extra_root_certificates[{index}]");
            if let Ok(text) = item.cast::<pyo3::types::PyString>() {
                Ok(text.to_str()?.as_bytes().to_vec())
            } else if let Ok(bytes) = item.cast::<pyo3::types::PyBytes>() {
                Ok(bytes.as_bytes().to_vec())
            } else {
                Err(invalid_argument(&field, "bytes (DER or PEM) or str (PEM)"))
            }
        })
        .collect()
}

fn receipt_of(receipt: &Bound<'_, PyAny>) -> PyResult<IngestReceipt> {
    sequencer::parse_ingest_receipt(&json_text("receipt", receipt)?).map_err(core_error)
}

fn commitment_of(commitment: &Bound<'_, PyAny>) -> PyResult<VesCommitment> {
    sequencer::parse_ves_commitment(&json_text("commitment", commitment)?).map_err(core_error)
}

/// A client for the stateset sequencer and Set Chain, for one pinned network (set-client): send
/// signed events, wait until they are committed and anchored, export a receipt bundle and verify
/// it online. Every call blocks with the GIL released; a `ClientError` says which server answered
/// what (`code`, `status`, `field`, `url`).
#[pyclass(module = "setchain._native", name = "Client", frozen)]
pub struct PyClient {
    client: Client,
}

#[pymethods]
impl PyClient {
    /// A client for the network `trust_root` pins (a `set-trust-root-v1` dict or JSON text, which
    /// must pin `chain_id` and `registry`), its sequencer at `sequencer_url` and a Set Chain
    /// JSON-RPC at `rpc_url`; either may be `None` for a client of one side only (a call that
    /// needs the other is then `ClientError` `CONFIG` naming it). At most one credential: `api_key` (`Authorization: ApiKey`),
    /// `x_api_key` (`X-API-Key`) or `bearer_jwt`. `retry`: the retries of one sequencer request
    /// (transport errors and 5xx); `poll`: the back-off of the `wait_*` calls (its
    /// `max_attempts` unused); time-outs in seconds; `logs_from_block`: the first block searched
    /// for `BatchCommitted` logs (`None`: 0) and `logs_page_blocks` the most blocks one
    /// `eth_getLogs` covers (`None`: 5,000). HTTPS trusts the Mozilla root set compiled into the
    /// extension (not the OS store); `extra_root_certificates` adds roots of your own, each
    /// `bytes` (DER, or PEM) or `str` (PEM, one or more `CERTIFICATE` blocks), for a private
    /// deployment or a TLS-inspecting proxy. Nothing is sent yet.
    ///
    /// # Errors
    /// `ClientError` (`CONFIG` naming `sequencer_url`, `chain_rpc_url`, `trust.chain_id`,
    /// `trust.registry` or `extra_root_certificates`; core's code and field for a trust root core refuses);
    /// `InvalidArgumentError` for more than one credential or a bad number.
    #[new]
    #[pyo3(signature = (trust_root, sequencer_url, rpc_url, *, api_key=None, x_api_key=None, bearer_jwt=None, retry=None, poll=None, request_timeout=20.0, connect_timeout=5.0, logs_from_block=None, logs_page_blocks=None, extra_root_certificates=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        trust_root: &Bound<'_, PyAny>,
        sequencer_url: Option<&str>,
        rpc_url: Option<&str>,
        api_key: Option<String>,
        x_api_key: Option<String>,
        bearer_jwt: Option<String>,
        retry: Option<&PyRetryPolicy>,
        poll: Option<&PyRetryPolicy>,
        request_timeout: f64,
        connect_timeout: f64,
        logs_from_block: Option<&Bound<'_, PyAny>>,
        logs_page_blocks: Option<&Bound<'_, PyAny>>,
        extra_root_certificates: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let auth = auth_of(api_key, x_api_key, bearer_jwt)?;
        let trust_root = json_text("trust_root", trust_root)?;
        let mut config = match (sequencer_url, rpc_url) {
            (Some(sequencer_url), Some(rpc_url)) => ClientConfig::new(&trust_root, sequencer_url, rpc_url, auth),
            (Some(sequencer_url), None) => ClientConfig::sequencer_only(&trust_root, sequencer_url, auth),
            (None, Some(rpc_url)) => ClientConfig::chain_only(&trust_root, rpc_url),
            (None, None) => return Err(invalid_argument("sequencer_url", "a URL (or rpc_url one)")),
        }
        .map_err(client_error)?;
        if let Some(retry) = retry {
            config.retry = retry.policy;
        }
        if let Some(poll) = poll {
            config.poll = RetryPolicy { max_attempts: u32::MAX, ..poll.policy };
        }
        config.request_timeout = seconds("request_timeout", request_timeout)?;
        config.connect_timeout = seconds("connect_timeout", connect_timeout)?;
        if let Some(block) = logs_from_block {
            config.logs_from_block = u64_of("logs_from_block", block)?;
        }
        if let Some(blocks) = logs_page_blocks {
            config.logs_page_blocks = u64_of("logs_page_blocks", blocks)?.max(1);
        }
        if let Some(roots) = extra_root_certificates {
            config.extra_root_certificates = certificates_of(roots)?;
        }
        // Built inside the runtime: the HTTP clients may look for it when they are made.
        let _entered = runtime()?.enter();
        Ok(PyClient { client: Client::new(config).map_err(client_error)? })
    }

    /// Sends signed `events` (dicts or JSON text, all of one stream and one agent) in one ingest
    /// request. Returns `{"batch_id", "head_sequence", "accepted": [{"event", "receipt"}],
    /// "rejections": [{"event_id", "reason", "message"}]}` (what `read_ingest_response` returns),
    /// every receipt verified on arrival against the pinned sequencer keys. Retried on transport
    /// errors and 5xx: the sequencer answers an event it already holds with its stored receipt.
    ///
    /// # Errors
    /// `ClientError`: core's code and field when core refuses the request before sending it
    /// (`INVALID_FIELD_VALUE` naming `events`, …), `SEQUENCER_STATUS` with `status`,
    /// `SEQUENCER_UNREACHABLE`, `RECEIPT_NOT_VERIFIED`; `VesError` for an event that does not
    /// parse.
    fn ingest<'py>(&self, py: Python<'py>, events: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let events = events_of("events", events)?;
        let outcome = run(py, self.client.ingest(&events))?;
        Ok(py_ingest_outcome(py, &outcome)?.into_any())
    }

    /// `POST /api/v1/agents/keys`: registers the agent key of `ed25519_seed` and/or
    /// `ml_dsa_65_seed` (the arguments of `key_registration_request`, whose body this sends, the
    /// proof of possession included). Sent once, not retried. Returns the server's answer as
    /// `read_key_registration_response` reads it.
    ///
    /// # Errors
    /// `ClientError` (`SEQUENCER_STATUS` 400 with the server's reason for a key it refuses, …);
    /// the errors of `key_registration_request`.
    #[pyo3(signature = (tenant_id, agent_id, key_id, *, ed25519_seed=None, ml_dsa_65_seed=None, valid_from=None, valid_to=None))]
    #[allow(clippy::too_many_arguments)]
    fn register_agent_key<'py>(
        &self,
        py: Python<'py>,
        tenant_id: &Bound<'py, PyAny>,
        agent_id: &Bound<'py, PyAny>,
        key_id: &Bound<'py, PyAny>,
        ed25519_seed: Option<&Bound<'py, PyAny>>,
        ml_dsa_65_seed: Option<&Bound<'py, PyAny>>,
        valid_from: Option<String>,
        valid_to: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let registration =
            registration_of(tenant_id, agent_id, key_id, ed25519_seed, ml_dsa_65_seed, valid_from, valid_to)?;
        let registered = run(py, self.client.register_agent_key(&registration))?;
        py_json(py, &registered.to_value())
    }

    /// `POST /api/v1/ves/commitments`: commits the stream's events `sequence_start..=sequence_end`
    /// into one batch, as an operator does, and returns the commitment as a dict. Sent once, not
    /// retried: after a lost answer, find the batch with `wait_for_commitment`.
    ///
    /// # Errors
    /// `ClientError` (`SEQUENCER_STATUS` 400 with the server's code for a range it refuses, …).
    fn create_commitment<'py>(
        &self,
        py: Python<'py>,
        tenant_id: &Bound<'py, PyAny>,
        store_id: &Bound<'py, PyAny>,
        sequence_start: &Bound<'py, PyAny>,
        sequence_end: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = CommitmentRequest {
            tenant_id: uuid_of("tenant_id", tenant_id)?,
            store_id: uuid_of("store_id", store_id)?,
            sequence_start: u64_of("sequence_start", sequence_start)?,
            sequence_end: u64_of("sequence_end", sequence_end)?,
        };
        let commitment = run(py, self.client.create_commitment(&request))?;
        py_serialized(py, "commitment", &commitment)
    }

    /// Audits the stream (`tenant_id`, `store_id`) end to end (set-client's `audit_stream`):
    /// both histories contiguous from 1, the state roots chained, every on-chain commitment the
    /// sequencer's, the registry's head the last one, and with `events` (a list of
    /// `{"sequence_number", "event"}`, or its JSON text) each events root, payload hash and, with
    /// an agent key in the trust root, each signature. Returns the `set-stream-audit-v1` report
    /// as a dict (`ok`, `summary`, `findings`, each finding with its code and evidence) and its
    /// table for people as `report["table"]`.
    ///
    /// # Errors
    /// `ClientError` for a server that fails (`WRONG_CHAIN`, `CHAIN_RPC`, …) or an export core
    /// refuses (`WRONG_STREAM`, `DUPLICATE_SEQUENCE_NUMBER`).
    #[pyo3(signature = (tenant_id, store_id, events=None))]
    fn audit_stream<'py>(
        &self,
        py: Python<'py>,
        tenant_id: &Bound<'py, PyAny>,
        store_id: &Bound<'py, PyAny>,
        events: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (tenant_id, store_id) = (uuid_of("tenant_id", tenant_id)?, uuid_of("store_id", store_id)?);
        let events = match events {
            Some(events) if !events.is_none() => {
                Some(SequencedEvent::list_from_json(&json_text("events", events)?).map_err(core_error)?)
            }
            _ => None,
        };
        let report = run(py, self.client.audit_stream(&tenant_id, &store_id, events.as_deref()))?;
        let mut value = report.to_json();
        value["table"] = report.to_table().into();
        py_json(py, &value)
    }

    /// `GET /api/v1/ves/commitments/{batch_id}`: the commitment as a dict (with `chain_tx_hash`
    /// once the anchor has notified the sequencer).
    ///
    /// # Errors
    /// `ClientError` (`SEQUENCER_STATUS` 404 for an unknown id, …); `IdError` for a bad UUID.
    fn commitment<'py>(&self, py: Python<'py>, batch_id: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let batch_id = uuid_of("batch_id", batch_id)?;
        let commitment = run(py, self.client.commitment(&batch_id))?;
        py_serialized(py, "commitment", &commitment)
    }

    /// Waits (at most `timeout` seconds) until a commitment of the stream holds
    /// `sequence_number`: the sequencer's list of unanchored commitments, else the pinned
    /// registry's `BatchCommitted` logs. Returns the commitment as a dict.
    ///
    /// # Errors
    /// `ClientError` (`TIMEOUT`, or the first failing poll's error).
    #[pyo3(signature = (tenant_id, store_id, sequence_number, timeout=600.0))]
    fn wait_for_commitment<'py>(
        &self,
        py: Python<'py>,
        tenant_id: &Bound<'py, PyAny>,
        store_id: &Bound<'py, PyAny>,
        sequence_number: &Bound<'py, PyAny>,
        timeout: f64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (tenant_id, store_id) = (uuid_of("tenant_id", tenant_id)?, uuid_of("store_id", store_id)?);
        let sequence_number = u64_of("sequence_number", sequence_number)?;
        let timeout = seconds("timeout", timeout)?;
        let commitment = run(py, self.client.wait_for_commitment(&tenant_id, &store_id, sequence_number, timeout))?;
        py_serialized(py, "commitment", &commitment)
    }

    /// Waits (at most `timeout` seconds) until the sequencer reports commitment `batch_id`
    /// anchored (its `chain_tx_hash` set). Returns the commitment as a dict.
    ///
    /// # Errors
    /// `ClientError` (`TIMEOUT`, or the errors of `commitment`).
    #[pyo3(signature = (batch_id, timeout=600.0))]
    fn wait_until_anchored<'py>(
        &self,
        py: Python<'py>,
        batch_id: &Bound<'py, PyAny>,
        timeout: f64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let batch_id = uuid_of("batch_id", batch_id)?;
        let timeout = seconds("timeout", timeout)?;
        let commitment = run(py, self.client.wait_until_anchored(&batch_id, timeout))?;
        py_serialized(py, "commitment", &commitment)
    }

    /// The anchored receipt bundle (`set-receipt-v2` dict) of a signed `event` and its ingest
    /// `receipt` (as `ingest` returned them): the commitment found in the pinned registry's
    /// logs, the proof from the sequencer, the block hash from the chain, assembled by core.
    ///
    /// # Errors
    /// `ClientError`: `NOT_ANCHORED`; `PARTS_MISMATCH` naming the part that is not the event's;
    /// the sequencer's and the chain's errors.
    fn bundle<'py>(
        &self,
        py: Python<'py>,
        event: &Bound<'py, PyAny>,
        receipt: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (event, receipt): (VesEvent, _) = (event_of("event", event)?, receipt_of(receipt)?);
        let bundle = run(py, self.client.bundle(&event, &receipt))?;
        py_serialized(py, "bundle", &bundle)
    }

    /// As `bundle`, for a `commitment` already in hand (what `wait_until_anchored` returns): no
    /// log search; the block hash is still the chain's.
    ///
    /// # Errors
    /// `ClientError` (`NOT_ANCHORED` for a commitment without `chain_tx_hash`); as `bundle`.
    fn bundle_with_commitment<'py>(
        &self,
        py: Python<'py>,
        event: &Bound<'py, PyAny>,
        receipt: &Bound<'py, PyAny>,
        commitment: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (event, receipt, commitment) =
            (event_of("event", event)?, receipt_of(receipt)?, commitment_of(commitment)?);
        let bundle = run(py, self.client.bundle_with_commitment(&event, &receipt, &commitment))?;
        py_serialized(py, "bundle", &bundle)
    }

    /// Verifies `bundle` (a dict or JSON text) online, up to level `anchored`: the RPC's
    /// `eth_chainId` must be the pinned chain id and the commitment is read from the **pinned**
    /// registry (never the one the bundle names). Returns the same `Verdict` as
    /// `verify_receipt`.
    ///
    /// # Errors
    /// `ClientError` (`WRONG_CHAIN`, `CHAIN_RPC`, core's decoding code); `ReceiptError` for a
    /// bundle that does not parse.
    fn verify_online(&self, py: Python<'_>, bundle: &Bound<'_, PyAny>) -> PyResult<PyVerdict> {
        let bundle = ReceiptBundle::from_json(&json_text("bundle", bundle)?).map_err(core_error)?;
        let verdict = run(py, self.client.verify_online(&bundle))?;
        Ok(PyVerdict::new(verdict))
    }

    /// The pinned registry's own answer on `bundle`'s inclusion proof (`verifyVesInclusion`, an
    /// `eth_call` on an RPC whose `eth_chainId` is the pinned chain id): `True` when the contract
    /// recomputes its stored root from the proof. A second opinion beside `verify_online`.
    ///
    /// # Errors
    /// `ClientError` (`WRONG_CHAIN`, `CHAIN_RPC`, core's decoding code); `ReceiptError` for a
    /// bundle that does not parse.
    fn contract_accepts_inclusion(&self, py: Python<'_>, bundle: &Bound<'_, PyAny>) -> PyResult<bool> {
        let bundle = ReceiptBundle::from_json(&json_text("bundle", bundle)?).map_err(core_error)?;
        run(py, self.client.contract_accepts_inclusion(&bundle))
    }

    fn __repr__(&self) -> String {
        let config = self.client.config();
        format!(
            "Client(sequencer_url={:?}, rpc_url={:?})",
            config.sequencer_url.as_ref().map(|url| url.as_str()),
            config.chain_rpc_url.as_ref().map(|url| url.as_str())
        )
    }
}

/// The chain id and registry `trust_root` (a `set-trust-root-v1` dict or JSON text) pins, as core
/// reads it: `(chain_id, registry)`, the registry as `0x`-lowercase text, each `None` when not
/// pinned. What an adapter over another RPC library (`setchain.web3`) must read the chain at.
///
/// # Errors
/// `ReceiptError` for a trust root core refuses.
#[pyfunction]
pub fn pinned_network(trust_root: &Bound<'_, PyAny>) -> PyResult<(Option<u64>, Option<String>)> {
    let trust = set_core::receipt::Trust::from_json(&json_text("trust_root", trust_root)?).map_err(core_error)?;
    Ok((trust.chain_id, trust.registry.as_ref().map(crate::convert::address_text)))
}

/// Adds the classes and functions of this module to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyClient>()?;
    m.add_class::<PyRetryPolicy>()?;
    m.add_function(wrap_pyfunction!(pinned_network, m)?)?;
    Ok(())
}
