// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

/// @title ISetPaymaster
/// @notice The complete external ABI of SetPaymaster, including the functions, events and errors of
/// its OpenZeppelin parents (Ownable, Initializable, UUPS, ReentrancyGuard). The Rust SDK reads this
/// file with alloy's `sol!` (`core/src/paymaster/interface.rs`), and
/// `test/paymaster/SetPaymasterAbi.t.sol` checks it against the compiled contract item for item.
/// @dev `merchantSponsorship` declares `tierId` as `uint256`: the old contract returns a `uint8`
/// there, which decodes identically, and the new contract stores the full `uint256`.
interface ISetPaymaster {
    event TierCreated(uint256 indexed tierId, string name, uint256 maxPerTx, uint256 maxPerDay);
    event TierUpdated(uint256 indexed tierId, uint256 maxPerTx, uint256 maxPerDay);
    event TierStatusUpdated(uint256 indexed tierId, bool active);
    event MerchantSponsored(address indexed merchant, uint256 tierId);
    event MerchantRevoked(address indexed merchant);
    event GasSponsored(address indexed merchant, uint256 amount, uint8 operationType);
    event GasRefunded(address indexed merchant, uint256 amount);
    event Deposited(address indexed from, uint256 amount);
    event Withdrawn(address indexed to, uint256 amount);
    event OperatorUpdated(address indexed operator, bool authorized);
    event MinDepositUpdated(uint256 minDeposit);
    event BatchSponsorshipCompleted(uint256 processed, uint256 succeeded, uint256 failed);
    event BatchSponsorshipFailed(address indexed merchant, string reason);
    event ContractUpgraded(address indexed newImplementation, address indexed authorizer);
    event Initialized(uint64 version);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event Upgraded(address indexed implementation);

    error NotSponsored();
    error TierNotActive();
    error ExceedsTransactionLimit(uint256 requested, uint256 max);
    error ExceedsDailyLimit(uint256 requested, uint256 remaining);
    error ExceedsMonthlyLimit(uint256 requested, uint256 remaining);
    error InsufficientBalance();
    error NotOperator();
    error InvalidTier();
    error InvalidTierLimits();
    error InvalidAddress();
    error ArrayLengthMismatch();
    error BatchTooLarge();
    error EmptyArray();
    error TransferFailed();
    error BelowMinimumDeposit(uint256 sent, uint256 minimum);
    error WithdrawFailed();
    error InvalidRefundAmount();
    error RefundValueMismatch(uint256 expected, uint256 actual);
    error RefundExceedsSponsored(uint256 requested, uint256 available);
    error OwnableUnauthorizedAccount(address account);
    error OwnableInvalidOwner(address owner);
    error InvalidInitialization();
    error NotInitializing();
    error ReentrancyGuardReentrantCall();
    error UUPSUnauthorizedCallContext();
    error UUPSUnsupportedProxiableUUID(bytes32 slot);
    error ERC1967InvalidImplementation(address implementation);
    error ERC1967NonPayable();

    function initialize(address owner, address treasury) external;
    function createTier(string calldata name, uint256 maxPerTx, uint256 maxPerDay, uint256 maxPerMonth)
        external
        returns (uint256 tierId);
    function updateTier(uint256 tierId, uint256 maxPerTx, uint256 maxPerDay, uint256 maxPerMonth) external;
    function setTierActive(uint256 tierId, bool active) external;
    function setOperator(address operator, bool authorized) external;
    function setTreasury(address treasury) external;
    function setMinDeposit(uint256 minDeposit) external;
    function sponsorMerchant(address merchant, uint256 tierId) external;
    function revokeMerchant(address merchant) external;
    function canSponsor(address merchant, uint256 amount) external view returns (bool sponsorable, string memory reason);
    function executeSponsorship(address merchant, uint256 amount, uint8 operationType) external;
    function refundUnusedGas(address merchant, uint256 refundAmount) external payable;
    function deposit() external payable;
    function withdraw(uint256 amount) external;
    function balance() external view returns (uint256 paymasterBalance);
    function getRemainingDailyAllowance(address merchant) external view returns (uint256 remaining);
    function getMerchantDetails(address merchant)
        external
        view
        returns (bool active, uint256 tierId, uint256 spentToday, uint256 spentThisMonth, uint256 totalSponsored);
    function batchSponsorMerchants(address[] calldata merchants, uint256[] calldata tierIds) external;
    function batchRevokeMerchants(address[] calldata merchants) external;
    function batchExecuteSponsorship(
        address[] calldata merchants,
        uint256[] calldata amounts,
        uint8[] calldata operationTypes
    ) external returns (uint256 succeeded, uint256 failed);
    function batchRefundUnusedGas(address[] calldata merchants, uint256[] calldata refundAmounts) external payable;
    function batchGetMerchantStatus(address[] calldata merchants)
        external
        view
        returns (bool[] memory statuses, uint256[] memory tiers_);
    function batchCanSponsor(address[] calldata merchants, uint256[] calldata amounts)
        external
        view
        returns (bool[] memory canSponsor_, string[] memory reasons);
    function batchGetRemainingDailyAllowance(address[] calldata merchants)
        external
        view
        returns (uint256[] memory allowances);
    function batchGetMerchantDetails(address[] calldata merchants)
        external
        view
        returns (
            bool[] memory active,
            uint256[] memory tierIds,
            uint256[] memory spentToday,
            uint256[] memory spentThisMonth,
            uint256[] memory totalSponsored
        );
    function batchUpdateMerchantTier(address[] calldata merchants, uint256 newTierId) external;
    function getPaymasterStatus()
        external
        view
        returns (uint256 paymasterBalance, uint256 totalSponsored_, uint256 tierCount, address treasuryAddr);
    function getAllTiers()
        external
        view
        returns (
            uint256[] memory tierIds,
            string[] memory names,
            uint256[] memory maxPerTx,
            uint256[] memory maxPerDay_,
            uint256[] memory maxPerMonth_
        );
    function tiers(uint256 tierId)
        external
        view
        returns (string memory name, uint128 maxPerTransaction, uint128 maxPerDay, uint128 maxPerMonth, bool active);
    function nextTierId() external view returns (uint256 tierId);
    function merchantSponsorship(address merchant)
        external
        view
        returns (
            bool active,
            uint256 tierId,
            uint64 lastDayReset,
            uint64 lastMonthReset,
            uint128 spentToday,
            uint128 spentThisMonth,
            uint128 totalSponsored
        );
    function totalGasSponsored() external view returns (uint256 total);
    function treasury() external view returns (address treasuryAddress);
    function minDeposit() external view returns (uint256 amount);
    function operators(address operator) external view returns (bool authorized);
    function MAX_BATCH_SIZE() external view returns (uint256 size);
    function owner() external view returns (address account);
    function transferOwnership(address newOwner) external;
    function renounceOwnership() external;
    function upgradeToAndCall(address newImplementation, bytes calldata data) external payable;
    function proxiableUUID() external view returns (bytes32 slot);
    function UPGRADE_INTERFACE_VERSION() external view returns (string memory version);
}
