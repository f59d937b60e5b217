//! The L2 block header of an anchor proof, and its hash: keccak256 of its RLP.

use alloc::vec::Vec;

use alloy_primitives::{keccak256, Address, Bytes, FixedBytes, B256, U256};
use alloy_rlp::Encodable;

/// An L2 block header with every field an OP Stack (op-geth, op-reth) or anvil block has, up to
/// Prague/Isthmus, named as `eth_getBlockByNumber` names them (in snake case). The fields after
/// `nonce` came with later forks: each is present from its fork on, and a field is only present
/// when every field before it is (London: `base_fee_per_gas`; Shanghai: `withdrawals_root`;
/// Cancun: `blob_gas_used`, `excess_blob_gas`, `parent_beacon_block_root`; Prague:
/// `requests_hash`). The block hash is keccak256 of the RLP list of the fields present, in this
/// order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct L2Header {
    /// The parent block's hash.
    pub parent_hash: B256,
    /// The ommers hash (`sha3Uncles`).
    pub sha3_uncles: B256,
    /// The fee recipient (`miner`).
    pub miner: Address,
    /// The state root: what the account proof is checked against.
    pub state_root: B256,
    /// The transactions root.
    pub transactions_root: B256,
    /// The receipts root.
    pub receipts_root: B256,
    /// The logs bloom (256 bytes).
    pub logs_bloom: FixedBytes<256>,
    /// The difficulty (0 after the merge and on OP Stack chains).
    pub difficulty: U256,
    /// The block number.
    pub number: u64,
    /// The gas limit.
    pub gas_limit: u64,
    /// The gas used.
    pub gas_used: u64,
    /// The timestamp, in seconds.
    pub timestamp: u64,
    /// The extra data (OP Stack since Holocene: the EIP-1559 parameters).
    pub extra_data: Bytes,
    /// The mix hash (`prevRandao`).
    pub mix_hash: B256,
    /// The nonce (8 bytes).
    pub nonce: FixedBytes<8>,
    /// London: the base fee per gas, in wei.
    pub base_fee_per_gas: Option<u64>,
    /// Shanghai: the withdrawals root (OP Stack since Isthmus: the L2ToL1MessagePasser storage root).
    pub withdrawals_root: Option<B256>,
    /// Cancun: the blob gas used.
    pub blob_gas_used: Option<u64>,
    /// Cancun: the excess blob gas.
    pub excess_blob_gas: Option<u64>,
    /// Cancun: the parent beacon block root.
    pub parent_beacon_block_root: Option<B256>,
    /// Prague: the requests hash.
    pub requests_hash: Option<B256>,
}

impl L2Header {
    /// The names of the optional fields, in RLP order.
    pub(super) const OPTIONAL_FIELDS: [&'static str; 6] = [
        "base_fee_per_gas",
        "withdrawals_root",
        "blob_gas_used",
        "excess_blob_gas",
        "parent_beacon_block_root",
        "requests_hash",
    ];

    /// Which optional fields are present, in [`L2Header::OPTIONAL_FIELDS`] order.
    pub(super) fn optional_present(&self) -> [bool; 6] {
        [
            self.base_fee_per_gas.is_some(),
            self.withdrawals_root.is_some(),
            self.blob_gas_used.is_some(),
            self.excess_blob_gas.is_some(),
            self.parent_beacon_block_root.is_some(),
            self.requests_hash.is_some(),
        ]
    }

    /// The header's RLP: the list of its fields, the optional ones that are present in order.
    ///
    /// A header whose optional fields have a gap (one absent before one present) encodes the
    /// ones present, which no block has; the readers refuse such headers.
    pub fn rlp(&self) -> Vec<u8> {
        let mut payload = Vec::with_capacity(640);
        self.parent_hash.encode(&mut payload);
        self.sha3_uncles.encode(&mut payload);
        self.miner.encode(&mut payload);
        self.state_root.encode(&mut payload);
        self.transactions_root.encode(&mut payload);
        self.receipts_root.encode(&mut payload);
        self.logs_bloom.encode(&mut payload);
        self.difficulty.encode(&mut payload);
        self.number.encode(&mut payload);
        self.gas_limit.encode(&mut payload);
        self.gas_used.encode(&mut payload);
        self.timestamp.encode(&mut payload);
        self.extra_data.encode(&mut payload);
        self.mix_hash.encode(&mut payload);
        self.nonce.encode(&mut payload);
        if let Some(value) = self.base_fee_per_gas {
            value.encode(&mut payload);
        }
        if let Some(value) = self.withdrawals_root {
            value.encode(&mut payload);
        }
        if let Some(value) = self.blob_gas_used {
            value.encode(&mut payload);
        }
        if let Some(value) = self.excess_blob_gas {
            value.encode(&mut payload);
        }
        if let Some(value) = self.parent_beacon_block_root {
            value.encode(&mut payload);
        }
        if let Some(value) = self.requests_hash {
            value.encode(&mut payload);
        }
        let mut out = Vec::with_capacity(payload.len() + 3);
        alloy_rlp::Header { list: true, payload_length: payload.len() }.encode(&mut out);
        out.extend_from_slice(&payload);
        out
    }

    /// The block hash: keccak256 of [`L2Header::rlp`].
    pub fn hash(&self) -> B256 {
        keccak256(self.rlp())
    }
}
