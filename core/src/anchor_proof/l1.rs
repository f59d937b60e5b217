//! The L1 side: OP Stack's `L2OutputOracle` ABI (the functions a verifier, an anchor and a test
//! proposer use), the calls to read a proposal, and the [`L1Proposal`] of an `anchor.proof`.
//!
//! The interface is OP's `L2OutputOracle` 1.8.0 (npm `@eth-optimism/contracts-bedrock` 0.17.3,
//! `src/L1/L2OutputOracle.sol`); the selectors are pinned by the tests below and compared with
//! the package's compiled artifact by the devnet's L1 test.

use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::{sol, SolCall};

use super::{AnchorProofError, L1Proposal};
use crate::abi::decode_returns_as;

sol! {
    /// OP Stack's L2OutputOracle (contracts-bedrock 1.8.0): the output roots proposed for L2
    /// blocks, one every `submissionInterval` blocks.
    interface IL2OutputOracle {
        /// One proposal: the output root, the L1 timestamp it was proposed at, its L2 block.
        struct OutputProposal {
            bytes32 outputRoot;
            uint128 timestamp;
            uint128 l2BlockNumber;
        }

        /// Emitted by every proposal.
        event OutputProposed(
            bytes32 indexed outputRoot,
            uint256 indexed l2OutputIndex,
            uint256 indexed l2BlockNumber,
            uint256 l1Timestamp
        );

        /// Sets the oracle up behind its proxy.
        function initialize(
            uint256 _submissionInterval,
            uint256 _l2BlockTime,
            uint256 _startingBlockNumber,
            uint256 _startingTimestamp,
            address _proposer,
            address _challenger,
            uint256 _finalizationPeriodSeconds
        ) external;
        /// Proposes the output root of L2 block `_l2BlockNumber` (the proposer only; the block
        /// must be `nextBlockNumber()`).
        function proposeL2Output(bytes32 _outputRoot, uint256 _l2BlockNumber, bytes32 _l1BlockHash, uint256 _l1BlockNumber)
            external
            payable;
        /// The proposal at `_l2OutputIndex`.
        function getL2Output(uint256 _l2OutputIndex) external view returns (OutputProposal memory);
        /// The index of the first proposal at or after `_l2BlockNumber`.
        function getL2OutputIndexAfter(uint256 _l2BlockNumber) external view returns (uint256);
        /// The L2 block the next proposal must be for.
        function nextBlockNumber() external view returns (uint256);
        /// The index the next proposal gets.
        function nextOutputIndex() external view returns (uint256);
        /// The L2 block of the latest proposal.
        function latestBlockNumber() external view returns (uint256);
        /// The L2 timestamp the oracle assumes for `_l2BlockNumber` (a proposal for it is
        /// accepted once L1's time is past it).
        function computeL2Timestamp(uint256 _l2BlockNumber) external view returns (uint256);
        /// The proposer's address.
        function proposer() external view returns (address);
        /// The contract's version (`1.8.0`).
        function version() external view returns (string memory);
    }
}

/// `L1Proposal::kind` of an `L2OutputOracle` output.
pub const KIND_L2_OUTPUT_ORACLE: &str = "l2-output-oracle";
/// `L1Proposal::kind` of a `DisputeGameFactory` game.
pub const KIND_DISPUTE_GAME_FACTORY: &str = "dispute-game-factory";

/// A proposal as `getL2Output(index)` returns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct L2OutputProposal {
    /// The output root.
    pub output_root: B256,
    /// The L1 timestamp of the proposal, in seconds.
    pub l1_timestamp: u64,
    /// The L2 block it is the output of.
    pub l2_block_number: u64,
}

/// Calldata of `getL2Output(index)`.
pub fn encode_get_l2_output(index: u64) -> Vec<u8> {
    IL2OutputOracle::getL2OutputCall { _l2OutputIndex: U256::from(index) }.abi_encode()
}

/// Calldata of `getL2OutputIndexAfter(l2_block_number)`: the index of the first output at or
/// after an L2 block (reverts when there is none yet).
pub fn encode_get_l2_output_index_after(l2_block_number: u64) -> Vec<u8> {
    IL2OutputOracle::getL2OutputIndexAfterCall { _l2BlockNumber: U256::from(l2_block_number) }.abi_encode()
}

fn small(value: U256, what: &'static str) -> Result<u64, AnchorProofError> {
    u64::try_from(value)
        .map_err(|_| AnchorProofError::RpcAnswer { field: what.into(), reason: "does not fit in 64 bits".into() })
}

/// Decodes the return data of `getL2Output(index)` (strict ABI).
///
/// # Errors
/// [`AnchorProofError::Abi`] for data that does not decode; [`AnchorProofError::RpcAnswer`] for
/// a timestamp or block number beyond 2^64 − 1.
pub fn decode_get_l2_output(data: &[u8]) -> Result<L2OutputProposal, AnchorProofError> {
    let proposal = decode_returns_as::<IL2OutputOracle::getL2OutputCall>("getL2Output return data", data)?;
    Ok(L2OutputProposal {
        output_root: proposal.outputRoot,
        l1_timestamp: small(U256::from(proposal.timestamp), "getL2Output.timestamp")?,
        l2_block_number: small(U256::from(proposal.l2BlockNumber), "getL2Output.l2BlockNumber")?,
    })
}

/// Decodes the return data of `getL2OutputIndexAfter`, `nextBlockNumber`, `nextOutputIndex` or
/// `latestBlockNumber` (one `uint256`).
///
/// # Errors
/// [`AnchorProofError::Abi`] for data that does not decode; [`AnchorProofError::RpcAnswer`] for a
/// number beyond 2^64 − 1.
pub fn decode_uint(data: &[u8]) -> Result<u64, AnchorProofError> {
    let value = decode_returns_as::<IL2OutputOracle::nextBlockNumberCall>("uint256 return data", data)?;
    small(value, "uint256")
}

impl L1Proposal {
    /// The location of output `index` of the `L2OutputOracle` at `oracle` on L1 chain
    /// `chain_id`, as read with `getL2Output(index)`; `l1_block_number` when the caller knows
    /// the block of the proposal (from its `OutputProposed` log).
    pub fn from_l2_output(
        chain_id: u64,
        oracle: Address,
        index: u64,
        proposal: &L2OutputProposal,
        l1_block_number: Option<u64>,
    ) -> Self {
        L1Proposal {
            kind: KIND_L2_OUTPUT_ORACLE.into(),
            chain_id,
            contract: oracle,
            index,
            l2_block_number: proposal.l2_block_number,
            l1_timestamp: Some(proposal.l1_timestamp),
            l1_block_number,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::keccak256;
    use alloy_sol_types::{SolEvent, SolValue};

    #[test]
    fn selectors_are_the_keccak_of_their_signatures() {
        let pinned: [(&str, [u8; 4]); 9] = [
            ("computeL2Timestamp(uint256)", IL2OutputOracle::computeL2TimestampCall::SELECTOR),
            ("getL2Output(uint256)", IL2OutputOracle::getL2OutputCall::SELECTOR),
            ("getL2OutputIndexAfter(uint256)", IL2OutputOracle::getL2OutputIndexAfterCall::SELECTOR),
            ("nextBlockNumber()", IL2OutputOracle::nextBlockNumberCall::SELECTOR),
            ("nextOutputIndex()", IL2OutputOracle::nextOutputIndexCall::SELECTOR),
            ("latestBlockNumber()", IL2OutputOracle::latestBlockNumberCall::SELECTOR),
            ("proposeL2Output(bytes32,uint256,bytes32,uint256)", IL2OutputOracle::proposeL2OutputCall::SELECTOR),
            (
                "initialize(uint256,uint256,uint256,uint256,address,address,uint256)",
                IL2OutputOracle::initializeCall::SELECTOR,
            ),
            ("proposer()", IL2OutputOracle::proposerCall::SELECTOR),
        ];
        for (signature, selector) in pinned {
            assert_eq!(keccak256(signature)[..4], selector, "{signature}");
        }
        // As the contracts-bedrock 0.17.3 artifact lists them (methodIdentifiers).
        assert_eq!(IL2OutputOracle::getL2OutputCall::SELECTOR, [0xa2, 0x5a, 0xe5, 0x57]);
        assert_eq!(IL2OutputOracle::proposeL2OutputCall::SELECTOR, [0x9a, 0xaa, 0xb6, 0x48]);
        assert_eq!(
            IL2OutputOracle::OutputProposed::SIGNATURE_HASH,
            keccak256("OutputProposed(bytes32,uint256,uint256,uint256)")
        );
    }

    #[test]
    fn a_proposal_decodes_from_its_return_data() {
        let proposal = IL2OutputOracle::OutputProposal {
            outputRoot: B256::repeat_byte(7),
            timestamp: 1_800_000_000,
            l2BlockNumber: 42,
        };
        let decoded = decode_get_l2_output(&proposal.abi_encode()).unwrap();
        assert_eq!(
            decoded,
            L2OutputProposal { output_root: B256::repeat_byte(7), l1_timestamp: 1_800_000_000, l2_block_number: 42 }
        );
        assert_eq!(decode_get_l2_output(&[0; 95]).unwrap_err().code(), "TRUNCATED");
        let huge = IL2OutputOracle::OutputProposal { l2BlockNumber: u128::MAX, ..proposal };
        assert_eq!(decode_get_l2_output(&huge.abi_encode()).unwrap_err().code(), "INVALID_RPC_ANSWER");
        assert_eq!(decode_uint(&U256::from(9).abi_encode()), Ok(9));
        let location = L1Proposal::from_l2_output(900, Address::repeat_byte(1), 3, &decoded, Some(77));
        assert_eq!(
            (location.kind.as_str(), location.l2_block_number, location.l1_block_number),
            ("l2-output-oracle", 42, Some(77))
        );
        assert_eq!(encode_get_l2_output(3)[..4], IL2OutputOracle::getL2OutputCall::SELECTOR);
        assert_eq!(encode_get_l2_output_index_after(3)[..4], IL2OutputOracle::getL2OutputIndexAfterCall::SELECTOR);
    }
}
