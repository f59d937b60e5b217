//! The store: one SQLite database, owned by one thread.
//!
//! Every operation is a closure sent to that thread, which runs it in its own transaction and
//! sends the answer back; the async handlers only await the answer, so no file I/O (and no
//! fsync) ever runs on the runtime's threads. One writer also serialises the operations that
//! must not interleave, such as assigning sequence numbers in a stream, without any lock.
//!
//! The database is in WAL mode with `synchronous = NORMAL`: a committed transaction is in the
//! WAL file before its answer is sent, so it survives the process being killed (`kill -9`, the
//! e2e tests do it); a power cut may lose the last transactions (a dev sequencer's trade-off:
//! no fsync per request).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::mpsc;

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use set_core::encoding::B256;
use set_core::sequencer::{IngestReceipt, IngestRejection, IngestResponse, VesCommitment};
use set_core::ves::commitments::{CommitmentError, CommitmentRequest};
use set_core::ves::rfc3339::Timestamp;
use set_core::ves::validate::{
    classify_submission, duplicate_in_batch, AgentKey, ReceivedEvent, Rejection, Submission,
};
use uuid::Uuid;

/// A failure of the store itself (not of a request).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be opened or set up.
    #[error("store {path}: {message}")]
    Open {
        /// The file.
        path: String,
        /// What failed.
        message: String,
    },
    /// SQLite failed.
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored row that does not read back.
    #[error("store: unreadable row: {0}")]
    Corrupt(String),
    /// The store thread is gone.
    #[error("store: the store thread has stopped")]
    Stopped,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS agent_keys (
    tenant_id TEXT NOT NULL, agent_id TEXT NOT NULL, key_id INTEGER NOT NULL,
    public_key BLOB NOT NULL,
    valid_from_s INTEGER, valid_from_ns INTEGER, valid_to_s INTEGER, valid_to_ns INTEGER,
    PRIMARY KEY (tenant_id, agent_id, key_id)
);
CREATE TABLE IF NOT EXISTS streams (
    tenant_id TEXT NOT NULL, store_id TEXT NOT NULL, head INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, store_id)
);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, store_id TEXT NOT NULL,
    sequence_number INTEGER NOT NULL, leaf_hash BLOB NOT NULL,
    submission TEXT NOT NULL, receipt TEXT NOT NULL,
    UNIQUE (tenant_id, store_id, sequence_number)
);
CREATE TABLE IF NOT EXISTS commitments (
    batch_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, store_id TEXT NOT NULL,
    sequence_start INTEGER NOT NULL, sequence_end INTEGER NOT NULL,
    committed_at_us INTEGER NOT NULL, anchored INTEGER NOT NULL, body TEXT NOT NULL,
    UNIQUE (tenant_id, store_id, sequence_start)
);
CREATE INDEX IF NOT EXISTS commitments_pending ON commitments (anchored, committed_at_us);
";

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// A handle on the store; clones share the one store thread, which stops when the last handle
/// is dropped.
#[derive(Clone)]
pub struct Store {
    jobs: mpsc::Sender<Job>,
}

fn open_error(path: &Path, err: impl std::fmt::Display) -> StoreError {
    StoreError::Open { path: path.display().to_string(), message: err.to_string() }
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

/// SQLite integers are i64; sequence numbers and ids beyond that are refused, not wrapped.
fn int(value: u64) -> Result<i64, StoreError> {
    i64::try_from(value).map_err(|_| corrupt(format!("{value} does not fit a SQLite integer")))
}

fn uint(value: i64) -> Result<u64, StoreError> {
    u64::try_from(value).map_err(|_| corrupt(format!("negative stored number {value}")))
}

/// A commitment's stored JSON (the wire type, `0x` hex).
fn read_body(text: &str) -> Result<VesCommitment, StoreError> {
    set_core::sequencer::parse_ves_commitment(text).map_err(corrupt)
}

fn write_body(commitment: &VesCommitment) -> Result<String, StoreError> {
    serde_json::to_string(commitment).map_err(corrupt)
}

/// Microseconds since the epoch: the order of `committed_at`, as the server's database keeps it.
fn micros(at: &DateTime<Utc>) -> i64 {
    at.timestamp_micros()
}

/// The time as the real server's database gives it back (microseconds) and writes it (`Z`).
fn stored_time(at: &DateTime<Utc>) -> String {
    at.trunc_subsecs(6).to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

impl Store {
    /// Opens (or creates) the database at `path` and starts the store thread.
    ///
    /// # Errors
    /// [`StoreError::Open`] if the file cannot be opened as a SQLite database or set up.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|e| open_error(path, e))?;
        let mode: String =
            conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0)).map_err(|e| open_error(path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(open_error(path, format!("cannot use WAL mode (journal_mode is {mode})")));
        }
        conn.execute_batch("PRAGMA synchronous = NORMAL;").map_err(|e| open_error(path, e))?;
        conn.execute_batch(SCHEMA).map_err(|e| open_error(path, e))?;
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("dev-sequencer-store".into())
            .spawn(move || {
                let mut conn = conn;
                for job in queue {
                    job(&mut conn);
                }
            })
            .map_err(|e| open_error(path, e))?;
        Ok(Store { jobs })
    }

    /// Runs `operation` on the store thread inside one transaction, committed when it returns
    /// `Ok` (the answer is sent only after the commit).
    async fn transaction<T, F>(&self, operation: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<T, StoreError> + Send + 'static,
    {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |conn| {
            let result = conn.transaction().map_err(StoreError::from).and_then(|tx| {
                let value = operation(&tx)?;
                tx.commit()?;
                Ok(value)
            });
            let _ = reply.send(result);
        });
        self.jobs.send(job).map_err(|_| StoreError::Stopped)?;
        answer.await.map_err(|_| StoreError::Stopped)?
    }

    /// Stores an agent key; `false` when (tenant, agent, key id) is already registered (the
    /// stored key is left as it is).
    ///
    /// # Errors
    /// [`StoreError`].
    pub async fn register_key(
        &self,
        tenant: Uuid,
        agent: Uuid,
        key_id: u32,
        key: AgentKey,
    ) -> Result<bool, StoreError> {
        self.transaction(move |tx| {
            let split = |t: Option<Timestamp>| (t.map(|t| t.unix_seconds), t.map(|t| i64::from(t.nanos)));
            let (from_s, from_ns) = split(key.valid_from);
            let (to_s, to_ns) = split(key.valid_to);
            let inserted = tx.execute(
                "INSERT OR IGNORE INTO agent_keys VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    tenant.to_string(),
                    agent.to_string(),
                    key_id,
                    key.public_key.to_vec(),
                    from_s,
                    from_ns,
                    to_s,
                    to_ns
                ],
            )?;
            Ok(inserted == 1)
        })
        .await
    }

    /// The registered keys of `tenant` among (agent, key id) pairs.
    ///
    /// # Errors
    /// [`StoreError`].
    pub async fn agent_keys(
        &self,
        tenant: Uuid,
        wanted: Vec<(Uuid, u32)>,
    ) -> Result<HashMap<(Uuid, u32), AgentKey>, StoreError> {
        self.transaction(move |tx| {
            let mut found = HashMap::new();
            let mut query = tx.prepare(
                "SELECT public_key, valid_from_s, valid_from_ns, valid_to_s, valid_to_ns FROM agent_keys
                 WHERE tenant_id = ?1 AND agent_id = ?2 AND key_id = ?3",
            )?;
            for (agent, key_id) in wanted.into_iter().collect::<HashSet<_>>() {
                let row = query
                    .query_row(params![tenant.to_string(), agent.to_string(), key_id], |row| {
                        Ok((
                            row.get::<_, Vec<u8>>(0)?,
                            row.get::<_, Option<i64>>(1)?,
                            row.get::<_, Option<u32>>(2)?,
                            row.get::<_, Option<i64>>(3)?,
                            row.get::<_, Option<u32>>(4)?,
                        ))
                    })
                    .optional()?;
                if let Some((public_key, from_s, from_ns, to_s, to_ns)) = row {
                    let public_key = public_key.try_into().map_err(|_| corrupt("agent key of the wrong length"))?;
                    let at = |s: Option<i64>, ns: Option<u32>| s.map(|s| Timestamp::from_unix(s, ns.unwrap_or(0)));
                    let key = AgentKey { public_key, valid_from: at(from_s, from_ns), valid_to: at(to_s, to_ns) };
                    found.insert((agent, key_id), key);
                }
            }
            Ok(found)
        })
        .await
    }

    /// Sequences an ingest request of one stream in one transaction, as the server does: each
    /// event is first a duplicate in the request, a replay (its stored receipt is answered), a
    /// duplicate of another submission, or new; new events whose check (from
    /// [`set_core::ves::validate::check_event`], same order as `events`) failed are rejected;
    /// the others get the stream's next sequence numbers and a signed receipt.
    ///
    /// # Errors
    /// [`StoreError`] (nothing is stored then).
    pub async fn ingest(&self, request: IngestJob) -> Result<IngestResponse, StoreError> {
        self.transaction(move |tx| ingest(tx, request)).await
    }

    /// Creates the commitment of a range (or returns the one that exists), as the server does.
    /// `Ok(Err(_))` is the server's refusal.
    ///
    /// # Errors
    /// [`StoreError`].
    pub async fn commit(
        &self,
        request: CommitmentRequest,
        now: DateTime<Utc>,
    ) -> Result<Result<VesCommitment, CommitmentError>, StoreError> {
        self.transaction(move |tx| commit(tx, request, now)).await
    }

    /// One commitment.
    ///
    /// # Errors
    /// [`StoreError`].
    pub async fn commitment(&self, batch_id: Uuid) -> Result<Option<VesCommitment>, StoreError> {
        self.transaction(move |tx| {
            let body: Option<String> = tx
                .query_row("SELECT body FROM commitments WHERE batch_id = ?1", [batch_id.to_string()], |row| row.get(0))
                .optional()?;
            body.as_deref().map(read_body).transpose()
        })
        .await
    }

    /// Writes a commitment over the stored one with the same `batch_id` (or adds it). The server
    /// uses it only through its operations; tests use it to corrupt a store on purpose.
    ///
    /// # Errors
    /// [`StoreError`].
    pub async fn put_commitment(&self, commitment: VesCommitment) -> Result<(), StoreError> {
        self.transaction(move |tx| {
            let at = DateTime::parse_from_rfc3339(&commitment.committed_at).map_err(corrupt)?.with_timezone(&Utc);
            tx.execute(
                "INSERT INTO commitments VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (batch_id) DO UPDATE SET body = excluded.body, anchored = excluded.anchored",
                params![
                    commitment.batch_id.to_string(),
                    commitment.tenant_id.to_string(),
                    commitment.store_id.to_string(),
                    int(commitment.sequence_start)?,
                    int(commitment.sequence_end)?,
                    micros(&at),
                    commitment.chain_tx_hash.is_some(),
                    write_body(&commitment)?,
                ],
            )?;
            Ok(())
        })
        .await
    }

    /// The commitments of a stream without a transaction hash, oldest first.
    ///
    /// # Errors
    /// [`StoreError`].
    pub async fn unanchored(&self, tenant: Uuid, store: Uuid) -> Result<Vec<VesCommitment>, StoreError> {
        self.transaction(move |tx| {
            let mut query = tx.prepare(
                "SELECT body FROM commitments WHERE tenant_id = ?1 AND store_id = ?2 AND anchored = 0
                 ORDER BY committed_at_us, rowid",
            )?;
            let rows = query.query_map([tenant.to_string(), store.to_string()], |row| row.get::<_, String>(0))?;
            rows.map(|body| body.map_err(StoreError::from).and_then(|body| read_body(&body))).collect()
        })
        .await
    }

    /// Up to `limit` commitments of every stream without a transaction hash, oldest first.
    ///
    /// # Errors
    /// [`StoreError`].
    pub async fn pending(&self, limit: u32) -> Result<Vec<VesCommitment>, StoreError> {
        self.transaction(move |tx| {
            let mut query =
                tx.prepare("SELECT body FROM commitments WHERE anchored = 0 ORDER BY committed_at_us, rowid LIMIT ?1")?;
            let rows = query.query_map([limit], |row| row.get::<_, String>(0))?;
            rows.map(|body| body.map_err(StoreError::from).and_then(|body| read_body(&body))).collect()
        })
        .await
    }

    /// The leaf hashes of a stream's sequence numbers `start..=end`, in order.
    ///
    /// # Errors
    /// [`StoreError`].
    pub async fn leaves(&self, tenant: Uuid, store: Uuid, start: u64, end: u64) -> Result<Vec<B256>, StoreError> {
        self.transaction(move |tx| leaves(tx, &tenant, &store, start, end)).await
    }

    /// Records that a commitment was anchored (when it has no transaction hash yet).
    ///
    /// # Errors
    /// [`StoreError`].
    pub async fn mark_anchored(&self, batch_id: Uuid, mark: AnchorMark) -> Result<Anchoring, StoreError> {
        self.transaction(move |tx| {
            let body: Option<String> = tx
                .query_row("SELECT body FROM commitments WHERE batch_id = ?1", [batch_id.to_string()], |row| row.get(0))
                .optional()?;
            let Some(mut commitment) = body.as_deref().map(read_body).transpose()? else {
                return Ok(Anchoring::NotFound);
            };
            if let Some(existing) = commitment.chain_tx_hash {
                return Ok(Anchoring::AlreadyAnchored { same_hash: existing == mark.chain_tx_hash });
            }
            commitment.chain_id = Some(u64::from(mark.chain_id));
            commitment.chain_tx_hash = Some(mark.chain_tx_hash);
            commitment.chain_block_number = mark.block_number;
            commitment.anchored_at = Some(stored_time(&mark.at));
            tx.execute(
                "UPDATE commitments SET anchored = 1, body = ?2 WHERE batch_id = ?1",
                params![batch_id.to_string(), write_body(&commitment)?],
            )?;
            Ok(Anchoring::Anchored)
        })
        .await
    }
}

/// What an anchor service reported (already checked).
#[derive(Debug, Clone, Copy)]
pub struct AnchorMark {
    /// The transaction.
    pub chain_tx_hash: B256,
    /// Its chain.
    pub chain_id: u32,
    /// Its block.
    pub block_number: Option<u64>,
    /// When the report arrived.
    pub at: DateTime<Utc>,
}

/// The outcome of [`Store::mark_anchored`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchoring {
    /// Recorded now.
    Anchored,
    /// It had a transaction hash already: the same one, or another.
    AlreadyAnchored {
        /// Whether it is the reported one.
        same_hash: bool,
    },
    /// No such commitment.
    NotFound,
}

/// The sequencer's receipt key and id.
#[derive(Clone)]
pub struct ReceiptSigner {
    /// Ed25519 seed of the receipt key.
    pub seed: [u8; 32],
    /// `sequencerId` of the receipts.
    pub sequencer_id: Uuid,
}

/// An ingest request of one stream, its events checked already.
pub struct IngestJob {
    /// The stream's tenant.
    pub tenant_id: Uuid,
    /// The stream's store.
    pub store_id: Uuid,
    /// The events, in request order.
    pub events: Vec<ReceivedEvent>,
    /// The event-level check of each event (same order), used for the new ones.
    pub checks: Vec<Result<(), Rejection>>,
    /// Who signs the receipts.
    pub signer: ReceiptSigner,
}

fn rejection(event: &ReceivedEvent, rejection: &Rejection) -> IngestRejection {
    IngestRejection { event_id: event.event.event_id, reason: rejection.reason(), message: rejection.message() }
}

fn ingest(tx: &Transaction<'_>, job: IngestJob) -> Result<IngestResponse, StoreError> {
    let (tenant, store) = (job.tenant_id, job.store_id);
    let mut rejections = Vec::new();
    let mut receipts = Vec::new();
    let mut new = Vec::new();
    let mut seen = HashSet::new();
    {
        let mut stored =
            tx.prepare("SELECT tenant_id, store_id, submission, receipt FROM events WHERE event_id = ?1")?;
        for (index, received) in job.events.iter().enumerate() {
            let event_id = received.event.event_id;
            if !seen.insert(event_id) {
                rejections.push(rejection(received, &duplicate_in_batch(event_id)));
                continue;
            }
            let row = stored
                .query_row([event_id.to_string()], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, String>(3)?,
                    ))
                })
                .optional()?;
            let existing = row
                .map(|(t, s, submission, receipt)| -> Result<_, StoreError> {
                    let submission: serde_json::Value = serde_json::from_str(&submission).map_err(corrupt)?;
                    let receipt: IngestReceipt = serde_json::from_str(&receipt).map_err(corrupt)?;
                    Ok((
                        Uuid::parse_str(&t).map_err(corrupt)?,
                        Uuid::parse_str(&s).map_err(corrupt)?,
                        ReceivedEvent::from_value(&submission).map_err(corrupt)?,
                        receipt,
                    ))
                })
                .transpose()?;
            match classify_submission(received, existing.as_ref().map(|(t, s, e, _)| (t, s, e))) {
                Submission::New => new.push(index),
                Submission::Replay => receipts.extend(existing.map(|(_, _, _, receipt)| receipt)),
                Submission::Duplicate(refused) => rejections.push(rejection(received, &refused)),
            }
        }
    }
    let mut head: u64 = tx
        .query_row(
            "SELECT head FROM streams WHERE tenant_id = ?1 AND store_id = ?2",
            [tenant.to_string(), store.to_string()],
            |row| row.get::<_, i64>(0),
        )
        .optional()?
        .map(uint)
        .transpose()?
        .unwrap_or(0);
    let (mut first, mut accepted) = (None, 0u32);
    let mut insert = tx.prepare("INSERT INTO events VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
    for index in new {
        let received = &job.events[index];
        if let Some(Err(refused)) = job.checks.get(index) {
            rejections.push(rejection(received, refused));
            continue;
        }
        let sequence_number = head + 1;
        let event = &received.event;
        let signing_hash = event.signing_hash().map_err(corrupt)?;
        let leaf = set_core::ves::leaf_hash(&tenant, &store, sequence_number, &signing_hash, &event.agent_signature);
        let receipt_hash =
            set_core::ves::receipt_hash(&tenant, &store, &event.event_id, sequence_number, &signing_hash);
        let sequenced_at = Utc::now();
        let mut receipt = IngestReceipt {
            sequencer_id: job.signer.sequencer_id,
            event_id: event.event_id,
            sequence_number,
            sequenced_at: sequenced_at.trunc_subsecs(6).to_rfc3339(),
            receipt_hash,
            signature_alg: "ed25519".into(),
            sequencer_signature: Some(set_core::ves::signing::sign(&job.signer.seed, &receipt_hash)),
            sequencer_key_version: 0,
            receipt_signature_scheme: Some(1),
            receipt_signature_bundle: None,
        };
        insert.execute(params![
            event.event_id.to_string(),
            tenant.to_string(),
            store.to_string(),
            int(sequence_number)?,
            leaf.to_vec(),
            received.to_value().to_string(),
            serde_json::to_string(&receipt).map_err(corrupt)?,
        ])?;
        // The first answer carries the full precision; a replay answers the stored microseconds.
        receipt.sequenced_at = sequenced_at.to_rfc3339();
        receipts.push(receipt);
        head = sequence_number;
        accepted += 1;
        first.get_or_insert(sequence_number);
    }
    if accepted > 0 {
        tx.execute(
            "INSERT INTO streams VALUES (?1, ?2, ?3) ON CONFLICT (tenant_id, store_id) DO UPDATE SET head = excluded.head",
            params![tenant.to_string(), store.to_string(), int(head)?],
        )?;
    }
    Ok(IngestResponse {
        batch_id: Uuid::new_v4(),
        events_accepted: accepted,
        events_rejected: rejections.len() as u32,
        sequence_start: first,
        sequence_end: first.map(|_| head),
        head_sequence: head,
        rejections,
        receipts,
    })
}

fn leaves(tx: &Transaction<'_>, tenant: &Uuid, store: &Uuid, start: u64, end: u64) -> Result<Vec<B256>, StoreError> {
    let mut query = tx.prepare(
        "SELECT leaf_hash FROM events WHERE tenant_id = ?1 AND store_id = ?2
         AND sequence_number BETWEEN ?3 AND ?4 ORDER BY sequence_number",
    )?;
    let rows = query.query_map(params![tenant.to_string(), store.to_string(), int(start)?, int(end)?], |row| {
        row.get::<_, Vec<u8>>(0)
    })?;
    rows.map(|bytes| {
        let bytes: [u8; 32] = bytes?.try_into().map_err(|_| corrupt("leaf hash of the wrong length"))?;
        Ok(B256::from(bytes))
    })
    .collect()
}

fn commit(
    tx: &Transaction<'_>,
    request: CommitmentRequest,
    now: DateTime<Utc>,
) -> Result<Result<VesCommitment, CommitmentError>, StoreError> {
    if let Err(refused) = request.check_range() {
        return Ok(Err(refused));
    }
    let (tenant, store) = (request.tenant_id.to_string(), request.store_id.to_string());
    let existing: Option<String> = tx
        .query_row(
            "SELECT body FROM commitments WHERE tenant_id = ?1 AND store_id = ?2 AND sequence_start = ?3",
            params![tenant, store, int(request.sequence_start)?],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(body) = existing {
        let commitment = read_body(&body)?;
        return Ok(request.check_existing(commitment.sequence_end).map(|()| commitment));
    }
    let last: Option<String> = tx
        .query_row(
            "SELECT body FROM commitments WHERE tenant_id = ?1 AND store_id = ?2 ORDER BY sequence_end DESC LIMIT 1",
            params![tenant, store],
            |row| row.get(0),
        )
        .optional()?;
    let last = last.as_deref().map(read_body).transpose()?;
    if let Err(refused) = request.check_start(last.as_ref().map(|c| c.sequence_end)) {
        return Ok(Err(refused));
    }
    let leaves = leaves(tx, &request.tenant_id, &request.store_id, request.sequence_start, request.sequence_end)?;
    if let Err(refused) = request.check_events(leaves.len()) {
        return Ok(Err(refused));
    }
    let prev = last.map_or(B256::ZERO, |c| c.new_state_root);
    let batch =
        set_core::ves::commit_batch(&request.tenant_id, &request.store_id, &prev, request.sequence_start, &leaves)
            .map_err(corrupt)?;
    let mut commitment = VesCommitment {
        batch_id: Uuid::new_v4(),
        tenant_id: request.tenant_id,
        store_id: request.store_id,
        ves_version: 1,
        tree_depth: batch.tree.depth() as u32,
        leaf_count: u64::from(batch.leaf_count),
        padded_leaf_count: batch.tree.padded_leaf_count() as u64,
        merkle_root: batch.merkle_root,
        prev_state_root: batch.prev_state_root,
        new_state_root: batch.new_state_root,
        sequence_start: batch.sequence_start,
        sequence_end: batch.sequence_end,
        committed_at: stored_time(&now),
        chain_id: None,
        chain_tx_hash: None,
        chain_block_number: None,
        anchored_at: None,
        is_anchored: None,
    };
    tx.execute(
        "INSERT INTO commitments VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
        params![
            commitment.batch_id.to_string(),
            tenant,
            store,
            int(commitment.sequence_start)?,
            int(commitment.sequence_end)?,
            micros(&now),
            write_body(&commitment)?,
        ],
    )?;
    // The creating answer carries the full precision, later reads the stored microseconds.
    commitment.committed_at = now.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    Ok(Ok(commitment))
}

#[cfg(test)]
mod tests;
