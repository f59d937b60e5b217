//! The report as JSON (a stable shape: every key always present, `null` when it does not apply)
//! and as a table for people.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use alloy_primitives::B256;
use serde_json::{json, Value};

use super::{AuditReport, Finding, REPORT_FORMAT};
use crate::encoding::encode_hex;
use crate::ids::bytes32_to_uuid;

/// A batch id as people know it: the UUID when the bytes32 is a right-padded one (every batch
/// the sequencer names), else the `0x` hex of the 32 bytes.
pub fn batch_id_text(batch_id: &B256) -> String {
    match bytes32_to_uuid("batch_id", batch_id) {
        Ok(id) => format!("{}", id.hyphenated()),
        Err(_) => encode_hex(batch_id.as_slice()),
    }
}

fn hash(value: Option<&B256>) -> Value {
    value.map_or(Value::Null, |hash| Value::String(encode_hex(hash.as_slice())))
}

impl Finding {
    /// The finding as JSON: `code`, `source`, `batch_id` and `previous_batch_id` (see
    /// [`batch_id_text`]), `sequence_start`, `sequence_end`, `sequence_number`, `field`,
    /// `expected`, `actual`, `block_number`, `transaction_hash` (`0x` hex) and `message`; every
    /// key present, `null` when it does not apply.
    pub fn to_json(&self) -> Value {
        json!({
            "code": self.code.as_str(),
            "source": self.source.as_str(),
            "batch_id": self.batch_id.as_ref().map(batch_id_text),
            "previous_batch_id": self.previous_batch_id.as_ref().map(batch_id_text),
            "sequence_start": self.sequence_start,
            "sequence_end": self.sequence_end,
            "sequence_number": self.sequence_number,
            "field": self.field,
            "expected": self.expected,
            "actual": self.actual,
            "block_number": self.block_number,
            "transaction_hash": hash(self.transaction_hash.as_ref()),
            "message": self.message,
        })
    }
}

impl AuditReport {
    /// The report as JSON (`format` `set-stream-audit-v1`): `tenant_id`, `store_id`, `ok`,
    /// `summary` (the counts of [`super::Summary`], `head_state_root` as `0x` hex, and
    /// `findings`, their number) and `findings` ([`Finding::to_json`] each, in the order found).
    pub fn to_json(&self) -> Value {
        let summary = &self.summary;
        json!({
            "format": REPORT_FORMAT,
            "tenant_id": self.tenant_id.hyphenated().to_string(),
            "store_id": self.store_id.hyphenated().to_string(),
            "ok": self.ok(),
            "summary": {
                "onchain_commitments": summary.onchain_commitments,
                "sequencer_commitments": summary.sequencer_commitments,
                "pending_commitments": summary.pending_commitments,
                "events_in_export": summary.events_in_export,
                "events_checked": summary.events_checked,
                "events_uncommitted": summary.events_uncommitted,
                "agent_signatures_checked": summary.agent_signatures_checked,
                "head_sequence": summary.head_sequence,
                "head_state_root": hash(summary.head_state_root.as_ref()),
                "findings": self.findings.len(),
            },
            "findings": self.findings.iter().map(Finding::to_json).collect::<Vec<_>>(),
        })
    }

    /// The report as a plain-text table for people: a verdict line, the counts, then one row
    /// per finding (code, source, batch, range, block, and what differs). Not a contract: parse
    /// [`AuditReport::to_json`] instead.
    pub fn to_table(&self) -> String {
        let summary = &self.summary;
        let verdict = if self.ok() { "OK".into() } else { format!("FAILED, {} finding(s)", self.findings.len()) };
        let mut out = format!("Stream audit of tenant {} store {}: {verdict}\n", self.tenant_id, self.store_id);
        out.push_str(&format!(
            "  commitments: {} on-chain, {} at the sequencer ({} pending)\n",
            summary.onchain_commitments, summary.sequencer_commitments, summary.pending_commitments
        ));
        if let Some(exported) = summary.events_in_export {
            out.push_str(&format!(
                "  events: {exported} exported, {} checked against their commitments, {} not committed yet, {} agent signatures verified\n",
                summary.events_checked, summary.events_uncommitted, summary.agent_signatures_checked
            ));
        }
        if let (Some(sequence), Some(root)) = (summary.head_sequence, summary.head_state_root) {
            out.push_str(&format!(
                "  registry head: sequence {sequence}, state root {}\n",
                encode_hex(root.as_slice())
            ));
        }
        if self.findings.is_empty() {
            return out;
        }
        let header = ["CODE", "SOURCE", "BATCH", "SEQUENCES", "BLOCK", "DETAIL"];
        let rows: Vec<[String; 6]> = self.findings.iter().map(row).collect();
        let mut widths = header.map(str::len);
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row.iter()) {
                *width = (*width).max(cell.chars().count());
            }
        }
        out.push('\n');
        let mut line = |cells: [&str; 6]| {
            let mut text = String::new();
            for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
                if i + 1 == cells.len() {
                    text.push_str(cell);
                } else {
                    text.push_str(&format!("{cell:<width$}  "));
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(header);
        for row in &rows {
            line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]]);
        }
        out
    }
}

fn row(finding: &Finding) -> [String; 6] {
    let range = match (finding.sequence_start, finding.sequence_end, finding.sequence_number) {
        (Some(start), Some(end), _) => format!("{start}..={end}"),
        (_, _, Some(seq)) => format!("#{seq}"),
        _ => "-".into(),
    };
    let mut detail = finding.message.clone();
    if let (Some(field), Some(expected), Some(actual)) = (finding.field, &finding.expected, &finding.actual) {
        detail.push_str(&format!("; {field}: expected {expected}, found {actual}"));
    }
    if let Some(tx) = &finding.transaction_hash {
        detail.push_str(&format!("; tx {}", encode_hex(tx.as_slice())));
    }
    [
        finding.code.as_str().into(),
        finding.source.as_str().into(),
        finding.batch_id.as_ref().map_or_else(|| "-".into(), batch_id_text),
        range,
        finding.block_number.map_or_else(|| "-".into(), |block| format!("{block}")),
        detail,
    ]
}
