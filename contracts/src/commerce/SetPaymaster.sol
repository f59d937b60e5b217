// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title SetPaymaster
/// @notice Operator-managed ETH vault that pays ETH to registered merchants ("sponsorship") under
///         per-tier per-transaction, rolling-day and rolling-30-day limits. It is not an ERC-4337
///         paymaster and does not bind a payout to a transaction hash or to measured gas.
/// @dev Keeps the ABI of the existing Set Chain SetPaymaster (every selector, event and error) and
///      its storage layout (slots 0-6, `__gap` 7-56, the 3-slot merchant record), so an existing
///      proxy can be upgraded in place. Deliberate behaviour changes are listed in
///      `contracts/CHANGES.md`. Windows are rolling from the last reset stamp: a window has expired
///      iff `now >= stamp && now - stamp >= period` (a stamp in the future is not expired).
contract SetPaymaster is Initializable, OwnableUpgradeable, ReentrancyGuardTransient, UUPSUpgradeable {
    // =========================================================================
    // Types
    // =========================================================================

    /// @notice Sponsorship tier: limits in wei. 3 slots: name | perTx, perDay | perMonth, active.
    struct SponsorshipTier {
        string name;
        uint128 maxPerTransaction;
        uint128 maxPerDay;
        uint128 maxPerMonth;
        bool active;
    }

    /// @notice Merchant record, 3 slots, laid out exactly like the existing contract's record with
    ///         one addition in the free half of the third slot.
    /// @dev The tier id is `tierIdHigh << 8 | tierIdLow`. `tierIdLow` sits where the old contract
    ///      kept its (truncating) `uint8 tierId`, and `tierIdHigh` in bytes 16-31 of the third slot,
    ///      which the old contract always left zero: records written by the old contract therefore
    ///      read back unchanged, and ids of 256 and above are no longer truncated.
    struct MerchantSponsorship {
        bool active; // slot +0, byte 0
        uint8 tierIdLow; // slot +0, byte 1
        uint64 lastDayReset; // slot +0, bytes 2-9
        uint64 lastMonthReset; // slot +0, bytes 10-17
        uint128 spentToday; // slot +1, bytes 0-15
        uint128 spentThisMonth; // slot +1, bytes 16-31
        uint128 totalSponsored; // slot +2, bytes 0-15
        uint128 tierIdHigh; // slot +2, bytes 16-31 (new)
    }

    /// @notice Commerce operation types (ABI `uint8`); only echoed in `GasSponsored`.
    enum OperationType {
        ORDER_CREATE,
        ORDER_UPDATE,
        PAYMENT_PROCESS,
        INVENTORY_UPDATE,
        RETURN_PROCESS,
        COMMITMENT_ANCHOR,
        OTHER
    }

    /// @dev Why a sponsorship cannot be paid, in check order.
    enum Refusal {
        None,
        NotSponsored,
        TierNotActive,
        ExceedsTransactionLimit,
        ExceedsDailyLimit,
        ExceedsMonthlyLimit,
        InsufficientBalance
    }

    // =========================================================================
    // Storage (slot numbers are part of the upgrade contract; see contracts/CHANGES.md, SetPaymaster)
    // =========================================================================

    /// @notice Tiers by id (slot 0).
    mapping(uint256 => SponsorshipTier) public tiers;

    /// @notice Id the next `createTier` assigns; also the number of tiers (slot 1).
    uint256 public nextTierId;

    /// @dev Merchant records (slot 2); read through `merchantSponsorship(address)`.
    mapping(address => MerchantSponsorship) internal _merchantSponsorship;

    /// @notice Wei paid out by successful sponsorships minus wei refunded (slot 3).
    uint256 public totalGasSponsored;

    /// @notice Destination of `withdraw` (slot 4).
    address public treasury;

    /// @notice Smallest accepted `deposit()` / plain transfer, in wei (slot 5).
    uint256 public minDeposit;

    /// @notice Addresses allowed to execute and refund sponsorships besides the owner (slot 6).
    mapping(address => bool) public operators;

    // =========================================================================
    // Constants
    // =========================================================================

    /// @notice Largest array the batch functions accept.
    uint256 public constant MAX_BATCH_SIZE = 100;

    uint256 private constant DAY = 1 days;
    uint256 private constant MONTH = 30 days;

    // =========================================================================
    // Events
    // =========================================================================

    event TierCreated(uint256 indexed tierId, string name, uint256 maxPerTx, uint256 maxPerDay);
    event TierUpdated(uint256 indexed tierId, uint256 maxPerTx, uint256 maxPerDay);
    event TierStatusUpdated(uint256 indexed tierId, bool active);
    event MerchantSponsored(address indexed merchant, uint256 tierId);
    event MerchantRevoked(address indexed merchant);
    event GasSponsored(address indexed merchant, uint256 amount, OperationType operationType);
    event GasRefunded(address indexed merchant, uint256 amount);
    event Deposited(address indexed from, uint256 amount);
    event Withdrawn(address indexed to, uint256 amount);
    event OperatorUpdated(address indexed operator, bool authorized);
    event MinDepositUpdated(uint256 minDeposit);
    event BatchSponsorshipCompleted(uint256 processed, uint256 succeeded, uint256 failed);
    event BatchSponsorshipFailed(address indexed merchant, string reason);
    event ContractUpgraded(address indexed newImplementation, address indexed authorizer);

    // =========================================================================
    // Errors
    // =========================================================================

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

    // =========================================================================
    // Modifiers
    // =========================================================================

    modifier onlyOperator() {
        if (!operators[msg.sender] && msg.sender != owner()) revert NotOperator();
        _;
    }

    // =========================================================================
    // Initialization and upgrades
    // =========================================================================

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initializes the proxy: owner, treasury, `minDeposit = 0.01 ether`, tiers 0-2.
    function initialize(address _owner, address _treasury) external initializer {
        if (_owner == address(0) || _treasury == address(0)) revert InvalidAddress();
        __Ownable_init(_owner);
        treasury = _treasury;
        minDeposit = 0.01 ether;
        tiers[0] = SponsorshipTier("Starter", 0.001 ether, 0.01 ether, 0.1 ether, true);
        tiers[1] = SponsorshipTier("Growth", 0.005 ether, 0.05 ether, 0.5 ether, true);
        tiers[2] = SponsorshipTier("Enterprise", 0.01 ether, 0.1 ether, 1 ether, true);
        nextTierId = 3;
    }

    function _authorizeUpgrade(address newImplementation) internal override onlyOwner {
        emit ContractUpgraded(newImplementation, msg.sender);
    }

    // =========================================================================
    // Tier and operator administration (owner)
    // =========================================================================

    /// @notice Creates an active tier. Requires `perTx <= perDay <= perMonth <= 2^128 - 1`.
    function createTier(string calldata _name, uint256 _maxPerTx, uint256 _maxPerDay, uint256 _maxPerMonth)
        external
        onlyOwner
        returns (uint256 tierId)
    {
        _checkTierLimits(_maxPerTx, _maxPerDay, _maxPerMonth);
        tierId = nextTierId++;
        SponsorshipTier storage tier = tiers[tierId];
        tier.name = _name;
        _setTierLimits(tier, _maxPerTx, _maxPerDay, _maxPerMonth);
        tier.active = true;
        emit TierCreated(tierId, _name, _maxPerTx, _maxPerDay);
    }

    /// @notice Replaces a tier's limits (name and active flag unchanged).
    function updateTier(uint256 _tierId, uint256 _maxPerTx, uint256 _maxPerDay, uint256 _maxPerMonth)
        external
        onlyOwner
    {
        if (_tierId >= nextTierId) revert InvalidTier();
        _checkTierLimits(_maxPerTx, _maxPerDay, _maxPerMonth);
        _setTierLimits(tiers[_tierId], _maxPerTx, _maxPerDay, _maxPerMonth);
        emit TierUpdated(_tierId, _maxPerTx, _maxPerDay);
    }

    /// @notice Activates or deactivates a tier.
    function setTierActive(uint256 _tierId, bool _active) external onlyOwner {
        if (_tierId >= nextTierId) revert InvalidTier();
        tiers[_tierId].active = _active;
        emit TierStatusUpdated(_tierId, _active);
    }

    /// @notice Grants or removes operator rights.
    function setOperator(address _operator, bool _authorized) external onlyOwner {
        if (_operator == address(0)) revert InvalidAddress();
        operators[_operator] = _authorized;
        emit OperatorUpdated(_operator, _authorized);
    }

    /// @notice Sets the withdrawal destination (no event, as before).
    function setTreasury(address _treasury) external onlyOwner {
        if (_treasury == address(0)) revert InvalidAddress();
        treasury = _treasury;
    }

    /// @notice Sets the minimum accepted deposit (wei); 0 accepts any amount.
    function setMinDeposit(uint256 _minDeposit) external onlyOwner {
        minDeposit = _minDeposit;
        emit MinDepositUpdated(_minDeposit);
    }

    // =========================================================================
    // Merchant administration (owner)
    // =========================================================================

    /// @notice Sponsors `_merchant` on `_tierId`: active, both windows restart now with zero spend.
    ///         The lifetime `totalSponsored` is kept (the old contract zeroed it).
    function sponsorMerchant(address _merchant, uint256 _tierId) external onlyOwner {
        _sponsor(_merchant, _tierId);
    }

    /// @notice Stops sponsoring `_merchant`; counters are kept.
    function revokeMerchant(address _merchant) external onlyOwner {
        _revoke(_merchant);
    }

    /// @notice `sponsorMerchant` for many merchants; the whole call reverts on any invalid item.
    function batchSponsorMerchants(address[] calldata _merchants, uint256[] calldata _tierIds) external onlyOwner {
        uint256 count = _merchants.length;
        if (count == 0) revert EmptyArray();
        if (count != _tierIds.length) revert ArrayLengthMismatch();
        if (count > MAX_BATCH_SIZE) revert BatchTooLarge();
        for (uint256 i; i < count; ++i) {
            _sponsor(_merchants[i], _tierIds[i]);
        }
    }

    /// @notice `revokeMerchant` for many merchants.
    function batchRevokeMerchants(address[] calldata _merchants) external onlyOwner {
        uint256 count = _merchants.length;
        if (count == 0) revert EmptyArray();
        if (count > MAX_BATCH_SIZE) revert BatchTooLarge();
        for (uint256 i; i < count; ++i) {
            _revoke(_merchants[i]);
        }
    }

    /// @notice Moves the active merchants among `_merchants` to `_newTierId`, counters untouched.
    ///         Inactive merchants are skipped silently.
    function batchUpdateMerchantTier(address[] calldata _merchants, uint256 _newTierId) external onlyOwner {
        uint256 count = _merchants.length;
        if (count == 0) revert EmptyArray();
        if (count > MAX_BATCH_SIZE) revert BatchTooLarge();
        _checkSponsorableTier(_newTierId);
        for (uint256 i; i < count; ++i) {
            address merchant = _merchants[i];
            if (merchant == address(0)) revert InvalidAddress();
            MerchantSponsorship storage s = _merchantSponsorship[merchant];
            if (s.active) {
                _setTierId(s, _newTierId);
                emit MerchantSponsored(merchant, _newTierId);
            }
        }
    }

    // =========================================================================
    // Sponsorship (operator or owner)
    // =========================================================================

    /// @notice Pays `_amount` wei to `_merchant` within its tier's limits.
    /// @dev Check order: NotSponsored, TierNotActive, ExceedsTransactionLimit, (daily reset)
    ///      ExceedsDailyLimit, (monthly reset) ExceedsMonthlyLimit, InsufficientBalance; then the
    ///      counters are updated and the ETH sent (`TransferFailed` if the merchant refuses it).
    function executeSponsorship(address _merchant, uint256 _amount, OperationType _operationType)
        external
        onlyOperator
        nonReentrant
    {
        MerchantSponsorship memory m = _merchantSponsorship[_merchant];
        (Refusal refusal, uint256 limit,) = _evaluate(m, _amount);
        if (refusal != Refusal.None) _revertRefusal(refusal, _amount, limit);
        _recordSpend(_merchant, m, _amount);
        if (!_pay(_merchant, _amount)) revert TransferFailed();
        emit GasSponsored(_merchant, _amount, _operationType);
    }

    /// @notice Sponsors many merchants; a failing item is reported by `BatchSponsorshipFailed` and
    ///         skipped, never reverting the call. Window resets done before a failed limit check
    ///         are kept; a refused transfer rolls that item's counters back.
    function batchExecuteSponsorship(
        address[] calldata _merchants,
        uint256[] calldata _amounts,
        OperationType[] calldata _operationTypes
    ) external onlyOperator nonReentrant returns (uint256 succeeded, uint256 failed) {
        uint256 count = _merchants.length;
        if (count == 0) revert EmptyArray();
        if (count != _amounts.length || count != _operationTypes.length) revert ArrayLengthMismatch();
        if (count > MAX_BATCH_SIZE) revert BatchTooLarge();
        for (uint256 i; i < count; ++i) {
            if (_batchItem(_merchants[i], _amounts[i], _operationTypes[i])) {
                ++succeeded;
            } else {
                ++failed;
            }
        }
        emit BatchSponsorshipCompleted(count, succeeded, failed);
    }

    /// @notice Records that `_refundAmount` wei of earlier sponsorships came back; the operator
    ///         sends exactly that much ETH with the call, which stays in the paymaster.
    function refundUnusedGas(address _merchant, uint256 _refundAmount) external payable onlyOperator nonReentrant {
        if (_merchant == address(0)) revert InvalidAddress();
        if (msg.value != _refundAmount) revert RefundValueMismatch(_refundAmount, msg.value);
        _applyRefund(_merchant, _refundAmount);
    }

    /// @notice `refundUnusedGas` for many merchants; `msg.value` must equal the sum.
    function batchRefundUnusedGas(address[] calldata _merchants, uint256[] calldata _refundAmounts)
        external
        payable
        onlyOperator
        nonReentrant
    {
        uint256 count = _merchants.length;
        if (count == 0) revert EmptyArray();
        if (count != _refundAmounts.length) revert ArrayLengthMismatch();
        if (count > MAX_BATCH_SIZE) revert BatchTooLarge();
        uint256 total;
        for (uint256 i; i < count; ++i) {
            if (_merchants[i] == address(0)) revert InvalidAddress();
            total += _refundAmounts[i];
        }
        if (msg.value != total) revert RefundValueMismatch(total, msg.value);
        for (uint256 i; i < count; ++i) {
            _applyRefund(_merchants[i], _refundAmounts[i]);
        }
    }

    // =========================================================================
    // Funds
    // =========================================================================

    /// @notice Funds the paymaster with at least `minDeposit` wei.
    function deposit() external payable {
        _deposit();
    }

    /// @notice Plain transfers are deposits and obey the same minimum.
    receive() external payable {
        _deposit();
    }

    /// @notice Sends `_amount` wei to the treasury.
    function withdraw(uint256 _amount) external onlyOwner nonReentrant {
        if (address(this).balance < _amount) revert InsufficientBalance();
        address to = treasury;
        (bool success,) = to.call{value: _amount}("");
        if (!success) revert WithdrawFailed();
        emit Withdrawn(to, _amount);
    }

    /// @notice The paymaster's ETH balance in wei.
    function balance() external view returns (uint256) {
        return address(this).balance;
    }

    // =========================================================================
    // Views
    // =========================================================================

    /// @notice The raw stored record (windows not normalized); `tierId` is the full id.
    function merchantSponsorship(address _merchant)
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
        )
    {
        MerchantSponsorship storage s = _merchantSponsorship[_merchant];
        return (
            s.active,
            _storedTierId(s),
            s.lastDayReset,
            s.lastMonthReset,
            s.spentToday,
            s.spentThisMonth,
            s.totalSponsored
        );
    }

    /// @notice Whether `executeSponsorship(_merchant, _amount, _)` would pass its checks now, and
    ///         if not, why: "Not sponsored", "Tier not active", "Exceeds transaction limit",
    ///         "Exceeds daily limit", "Exceeds monthly limit", "Insufficient paymaster balance".
    function canSponsor(address _merchant, uint256 _amount)
        external
        view
        returns (bool sponsorable, string memory reason)
    {
        return _canSponsor(_merchant, _amount);
    }

    /// @notice `maxPerDay` minus today's spend (never negative); 0 for an unsponsored merchant.
    ///         Does not look at whether the tier is active.
    function getRemainingDailyAllowance(address _merchant) external view returns (uint256) {
        return _remainingDailyAllowance(_merchant);
    }

    /// @notice The record with expired windows read as zero spend.
    function getMerchantDetails(address _merchant)
        external
        view
        returns (bool active, uint256 tierId, uint256 spentToday, uint256 spentThisMonth, uint256 totalSponsored)
    {
        return _merchantDetails(_merchant);
    }

    function batchGetMerchantStatus(address[] calldata _merchants)
        external
        view
        returns (bool[] memory statuses, uint256[] memory tiers_)
    {
        uint256 count = _merchants.length;
        statuses = new bool[](count);
        tiers_ = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            MerchantSponsorship storage s = _merchantSponsorship[_merchants[i]];
            statuses[i] = s.active;
            tiers_[i] = _storedTierId(s);
        }
    }

    function batchCanSponsor(address[] calldata _merchants, uint256[] calldata _amounts)
        external
        view
        returns (bool[] memory canSponsor_, string[] memory reasons)
    {
        uint256 count = _merchants.length;
        if (count != _amounts.length) revert ArrayLengthMismatch();
        canSponsor_ = new bool[](count);
        reasons = new string[](count);
        for (uint256 i; i < count; ++i) {
            (canSponsor_[i], reasons[i]) = _canSponsor(_merchants[i], _amounts[i]);
        }
    }

    function batchGetRemainingDailyAllowance(address[] calldata _merchants)
        external
        view
        returns (uint256[] memory allowances)
    {
        uint256 count = _merchants.length;
        allowances = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            allowances[i] = _remainingDailyAllowance(_merchants[i]);
        }
    }

    function batchGetMerchantDetails(address[] calldata _merchants)
        external
        view
        returns (
            bool[] memory active,
            uint256[] memory tierIds,
            uint256[] memory spentToday,
            uint256[] memory spentThisMonth,
            uint256[] memory totalSponsored
        )
    {
        uint256 count = _merchants.length;
        active = new bool[](count);
        tierIds = new uint256[](count);
        spentToday = new uint256[](count);
        spentThisMonth = new uint256[](count);
        totalSponsored = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            (active[i], tierIds[i], spentToday[i], spentThisMonth[i], totalSponsored[i]) =
                _merchantDetails(_merchants[i]);
        }
    }

    /// @notice Balance, `totalGasSponsored`, number of tiers ever created, treasury.
    function getPaymasterStatus()
        external
        view
        returns (uint256 paymasterBalance, uint256 totalSponsored_, uint256 tierCount, address treasuryAddr)
    {
        return (address(this).balance, totalGasSponsored, nextTierId, treasury);
    }

    /// @notice The active tiers, in id order.
    function getAllTiers()
        external
        view
        returns (
            uint256[] memory tierIds,
            string[] memory names,
            uint256[] memory maxPerTx,
            uint256[] memory maxPerDay_,
            uint256[] memory maxPerMonth_
        )
    {
        uint256 tierCount = nextTierId;
        uint256 activeCount;
        for (uint256 id; id < tierCount; ++id) {
            if (tiers[id].active) ++activeCount;
        }
        tierIds = new uint256[](activeCount);
        names = new string[](activeCount);
        maxPerTx = new uint256[](activeCount);
        maxPerDay_ = new uint256[](activeCount);
        maxPerMonth_ = new uint256[](activeCount);
        uint256 index;
        for (uint256 id; id < tierCount; ++id) {
            SponsorshipTier storage tier = tiers[id];
            if (!tier.active) continue;
            tierIds[index] = id;
            names[index] = tier.name;
            maxPerTx[index] = tier.maxPerTransaction;
            maxPerDay_[index] = tier.maxPerDay;
            maxPerMonth_[index] = tier.maxPerMonth;
            ++index;
        }
    }

    // =========================================================================
    // Internal: the sponsorship decision
    // =========================================================================

    /// @dev Applies due window resets to `m` (in memory) and runs every check in order. Returns the
    ///      refusal (`None` if payable), the limit argument of the matching error (per-transaction
    ///      maximum, or the saturating remaining daily / monthly allowance) and whether a reset
    ///      was applied. Never reverts: sums cannot overflow because `_amount <= maxPerTransaction`
    ///      is checked first and every limit and counter is below 2^128.
    function _evaluate(MerchantSponsorship memory m, uint256 _amount)
        internal
        view
        returns (Refusal refusal, uint256 limit, bool reset)
    {
        if (!m.active) return (Refusal.NotSponsored, 0, false);
        SponsorshipTier storage tier = tiers[_tierIdOf(m)];
        (uint256 maxPerTx, uint256 maxPerDay) = (tier.maxPerTransaction, tier.maxPerDay);
        (uint256 maxPerMonth, bool tierActive) = (tier.maxPerMonth, tier.active);
        if (!tierActive) return (Refusal.TierNotActive, 0, false);
        if (_amount > maxPerTx) return (Refusal.ExceedsTransactionLimit, maxPerTx, false);

        if (_expired(m.lastDayReset, DAY)) {
            m.spentToday = 0;
            m.lastDayReset = uint64(block.timestamp);
            reset = true;
        }
        if (m.spentToday + _amount > maxPerDay) {
            return (Refusal.ExceedsDailyLimit, _saturatingSub(maxPerDay, m.spentToday), reset);
        }
        if (_expired(m.lastMonthReset, MONTH)) {
            m.spentThisMonth = 0;
            m.lastMonthReset = uint64(block.timestamp);
            reset = true;
        }
        if (m.spentThisMonth + _amount > maxPerMonth) {
            return (Refusal.ExceedsMonthlyLimit, _saturatingSub(maxPerMonth, m.spentThisMonth), reset);
        }
        if (address(this).balance < _amount) return (Refusal.InsufficientBalance, 0, reset);
        return (Refusal.None, 0, reset);
    }

    /// @dev Adds `_amount` to the (already reset) record `m`, stores it and the global total.
    ///      The casts are exact: `_evaluate` bounded the window sums by limits below 2^128.
    function _recordSpend(address _merchant, MerchantSponsorship memory m, uint256 _amount) internal {
        // forge-lint: disable-next-line(unsafe-typecast) _evaluate bounded _amount by maxPerTransaction < 2^128
        m.spentToday += uint128(_amount);
        // forge-lint: disable-next-line(unsafe-typecast) _evaluate bounded _amount by maxPerTransaction < 2^128
        m.spentThisMonth += uint128(_amount);
        m.totalSponsored = _saturatingAdd128(m.totalSponsored, _amount);
        _merchantSponsorship[_merchant] = m;
        totalGasSponsored += _amount;
    }

    function _revertRefusal(Refusal refusal, uint256 _amount, uint256 limit) internal pure {
        if (refusal == Refusal.NotSponsored) revert NotSponsored();
        if (refusal == Refusal.TierNotActive) revert TierNotActive();
        if (refusal == Refusal.ExceedsTransactionLimit) revert ExceedsTransactionLimit(_amount, limit);
        if (refusal == Refusal.ExceedsDailyLimit) revert ExceedsDailyLimit(_amount, limit);
        if (refusal == Refusal.ExceedsMonthlyLimit) revert ExceedsMonthlyLimit(_amount, limit);
        revert InsufficientBalance();
    }

    /// @dev One item of `batchExecuteSponsorship`; returns whether it was paid.
    function _batchItem(address _merchant, uint256 _amount, OperationType _operationType) internal returns (bool) {
        if (_merchant == address(0)) {
            emit BatchSponsorshipFailed(_merchant, "Invalid merchant");
            return false;
        }
        MerchantSponsorship memory m = _merchantSponsorship[_merchant];
        (Refusal refusal,, bool reset) = _evaluate(m, _amount);
        if (refusal != Refusal.None) {
            if (reset) _merchantSponsorship[_merchant] = m; // resets persist, as before
            emit BatchSponsorshipFailed(_merchant, _batchReason(refusal));
            return false;
        }
        (uint128 spentToday, uint128 spentThisMonth, uint128 total) = (m.spentToday, m.spentThisMonth, m.totalSponsored);
        _recordSpend(_merchant, m, _amount);
        if (_pay(_merchant, _amount)) {
            emit GasSponsored(_merchant, _amount, _operationType);
            return true;
        }
        // Roll this item back to the state after its window resets.
        (m.spentToday, m.spentThisMonth, m.totalSponsored) = (spentToday, spentThisMonth, total);
        _merchantSponsorship[_merchant] = m;
        totalGasSponsored -= _amount;
        emit BatchSponsorshipFailed(_merchant, "Transfer failed");
        return false;
    }

    function _batchReason(Refusal refusal) internal pure returns (string memory) {
        if (refusal == Refusal.NotSponsored) return "Not sponsored";
        if (refusal == Refusal.TierNotActive) return "Tier not active";
        if (refusal == Refusal.ExceedsTransactionLimit) return "Exceeds tx limit";
        if (refusal == Refusal.ExceedsDailyLimit) return "Exceeds daily limit";
        if (refusal == Refusal.ExceedsMonthlyLimit) return "Exceeds monthly limit";
        return "Insufficient balance";
    }

    function _canSponsor(address _merchant, uint256 _amount) internal view returns (bool, string memory) {
        MerchantSponsorship memory m = _merchantSponsorship[_merchant];
        (Refusal refusal,,) = _evaluate(m, _amount);
        if (refusal == Refusal.None) return (true, "");
        if (refusal == Refusal.NotSponsored) return (false, "Not sponsored");
        if (refusal == Refusal.TierNotActive) return (false, "Tier not active");
        if (refusal == Refusal.ExceedsTransactionLimit) return (false, "Exceeds transaction limit");
        if (refusal == Refusal.ExceedsDailyLimit) return (false, "Exceeds daily limit");
        if (refusal == Refusal.ExceedsMonthlyLimit) return (false, "Exceeds monthly limit");
        return (false, "Insufficient paymaster balance");
    }

    /// @dev Sends `_amount` wei; nothing is sent (and no call made) for 0.
    function _pay(address _to, uint256 _amount) internal returns (bool success) {
        if (_amount == 0) return true;
        (success,) = _to.call{value: _amount}("");
    }

    // =========================================================================
    // Internal: refunds, records, helpers
    // =========================================================================

    function _applyRefund(address _merchant, uint256 _refundAmount) internal {
        if (_refundAmount == 0) revert InvalidRefundAmount();
        MerchantSponsorship memory m = _merchantSponsorship[_merchant];
        if (_expired(m.lastDayReset, DAY)) {
            m.spentToday = 0;
            m.lastDayReset = uint64(block.timestamp);
        }
        if (_expired(m.lastMonthReset, MONTH)) {
            m.spentThisMonth = 0;
            m.lastMonthReset = uint64(block.timestamp);
        }
        if (_refundAmount > m.totalSponsored) revert RefundExceedsSponsored(_refundAmount, m.totalSponsored);
        // forge-lint: disable-next-line(unsafe-typecast) bounded by totalSponsored, a uint128
        uint128 refund = uint128(_refundAmount); // exact: bounded by totalSponsored
        m.spentToday -= refund < m.spentToday ? refund : m.spentToday;
        m.spentThisMonth -= refund < m.spentThisMonth ? refund : m.spentThisMonth;
        m.totalSponsored -= refund;
        _merchantSponsorship[_merchant] = m;
        // Saturating: a record written before an in-place upgrade may hold more than the global
        // total, which the old contract never maintained.
        totalGasSponsored = _saturatingSub(totalGasSponsored, _refundAmount);
        emit GasRefunded(_merchant, _refundAmount);
    }

    function _sponsor(address _merchant, uint256 _tierId) internal {
        if (_merchant == address(0)) revert InvalidAddress();
        _checkSponsorableTier(_tierId);
        MerchantSponsorship storage s = _merchantSponsorship[_merchant];
        uint64 nowStamp = uint64(block.timestamp);
        s.active = true;
        s.lastDayReset = nowStamp;
        s.lastMonthReset = nowStamp;
        s.spentToday = 0;
        s.spentThisMonth = 0;
        _setTierId(s, _tierId);
        emit MerchantSponsored(_merchant, _tierId);
    }

    function _revoke(address _merchant) internal {
        if (_merchant == address(0)) revert InvalidAddress();
        _merchantSponsorship[_merchant].active = false;
        emit MerchantRevoked(_merchant);
    }

    function _deposit() internal {
        uint256 minimum = minDeposit;
        if (msg.value < minimum) revert BelowMinimumDeposit(msg.value, minimum);
        emit Deposited(msg.sender, msg.value);
    }

    function _remainingDailyAllowance(address _merchant) internal view returns (uint256) {
        MerchantSponsorship storage s = _merchantSponsorship[_merchant];
        if (!s.active) return 0;
        uint256 spent = _expired(s.lastDayReset, DAY) ? 0 : s.spentToday;
        return _saturatingSub(tiers[_storedTierId(s)].maxPerDay, spent);
    }

    function _merchantDetails(address _merchant)
        internal
        view
        returns (bool active, uint256 tierId, uint256 spentToday, uint256 spentThisMonth, uint256 totalSponsored)
    {
        MerchantSponsorship storage s = _merchantSponsorship[_merchant];
        active = s.active;
        tierId = _storedTierId(s);
        spentToday = _expired(s.lastDayReset, DAY) ? 0 : s.spentToday;
        spentThisMonth = _expired(s.lastMonthReset, MONTH) ? 0 : s.spentThisMonth;
        totalSponsored = s.totalSponsored;
    }

    function _checkTierLimits(uint256 _maxPerTx, uint256 _maxPerDay, uint256 _maxPerMonth) internal pure {
        if (_maxPerTx > _maxPerDay || _maxPerDay > _maxPerMonth || _maxPerMonth > type(uint128).max) {
            revert InvalidTierLimits();
        }
    }

    /// @dev Callers ran `_checkTierLimits` first, so the casts are exact.
    function _setTierLimits(SponsorshipTier storage tier, uint256 _maxPerTx, uint256 _maxPerDay, uint256 _maxPerMonth)
        internal
    {
        // forge-lint: disable-next-line(unsafe-typecast) checked to fit 128 bits
        tier.maxPerTransaction = uint128(_maxPerTx);
        // forge-lint: disable-next-line(unsafe-typecast) checked to fit 128 bits
        tier.maxPerDay = uint128(_maxPerDay);
        // forge-lint: disable-next-line(unsafe-typecast) checked to fit 128 bits
        tier.maxPerMonth = uint128(_maxPerMonth);
    }

    function _checkSponsorableTier(uint256 _tierId) internal view {
        if (_tierId >= nextTierId || !tiers[_tierId].active) revert InvalidTier();
    }

    /// @dev Valid ids are below `nextTierId`, which grows by one per `createTier`, so they always
    ///      fit the 136 bits of `tierIdHigh << 8 | tierIdLow`.
    function _setTierId(MerchantSponsorship storage s, uint256 _tierId) internal {
        // forge-lint: disable-next-line(unsafe-typecast) the low byte, kept in the legacy position on purpose
        s.tierIdLow = uint8(_tierId);
        // forge-lint: disable-next-line(unsafe-typecast) tier ids are below nextTierId, far below 2^136
        s.tierIdHigh = uint128(_tierId >> 8);
    }

    function _storedTierId(MerchantSponsorship storage s) internal view returns (uint256) {
        return (uint256(s.tierIdHigh) << 8) | s.tierIdLow;
    }

    function _tierIdOf(MerchantSponsorship memory m) internal pure returns (uint256) {
        return (uint256(m.tierIdHigh) << 8) | m.tierIdLow;
    }

    /// @dev A window has expired iff `now - stamp >= period`; a stamp after `now` is not expired.
    function _expired(uint64 stamp, uint256 period) internal view returns (bool) {
        // forge-lint: disable-next-line(block-timestamp) windows are defined on block time
        return block.timestamp >= stamp && block.timestamp - stamp >= period;
    }

    function _saturatingSub(uint256 a, uint256 b) internal pure returns (uint256) {
        return a > b ? a - b : 0;
    }

    function _saturatingAdd128(uint128 a, uint256 b) internal pure returns (uint128) {
        uint256 sum = uint256(a) + b; // cannot overflow: b <= maxPerTransaction < 2^128
        // forge-lint: disable-next-line(unsafe-typecast) checked against type(uint128).max on the same line
        return sum > type(uint128).max ? type(uint128).max : uint128(sum);
    }

    // =========================================================================
    // Storage gap
    // =========================================================================

    /// @dev Reserved for future versions (slots 7-56).
    uint256[50] private __gap;
}
