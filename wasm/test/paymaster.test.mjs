import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertSetError, full, vectors } from './helpers.mjs';

const v = vectors('paymaster.json');

// The vectors are snake_case with decimal strings; the JS API is camelCase with bigints.
const tierIn = (t) => ({
  name: t.name,
  maxPerTransaction: t.max_per_transaction,
  maxPerDay: t.max_per_day,
  maxPerMonth: t.max_per_month,
  active: t.active,
});
const merchantIn = (m) => ({
  active: m.active,
  tierId: m.tier_id,
  lastDayReset: m.last_day_reset,
  lastMonthReset: m.last_month_reset,
  spentToday: m.spent_today,
  spentThisMonth: m.spent_this_month,
  totalSponsored: m.total_sponsored,
});
const bigints = (object) => Object.fromEntries(Object.entries(object).map(([k, x]) => [k, typeof x === 'string' && /^\d+$/.test(x) ? BigInt(x) : x]));

test('paymaster.json operation_types: OperationType is the contract enum', () => {
  assert.equal(v.operation_types.length, 7);
  for (const { name, ordinal } of v.operation_types) {
    assert.equal(full.OperationType[name], ordinal, name);
    assert.equal(full.OperationType[ordinal], name, `reverse ${ordinal}`);
  }
  assert.ok(Object.isFrozen(full.OperationType));
});

test('paymaster.json default_tiers: defaultTiers()', () => {
  const tiers = full.defaultTiers();
  assert.equal(tiers.length, v.default_tiers.length);
  v.default_tiers.forEach((t, i) => {
    assert.deepEqual(tiers[i], bigints(tierIn(t)), t.name);
    assert.equal(typeof tiers[i].maxPerDay, 'bigint');
  });
});

test('paymaster.json decisions: canSponsor and remainingDailyAllowance', () => {
  assert.ok(v.decisions.length > 10);
  for (const c of v.decisions) {
    const decision = full.canSponsor(tierIn(c.tier), merchantIn(c.merchant), c.now, c.amount, BigInt(c.balance));
    assert.deepEqual(decision, { sponsorable: c.expected.sponsorable, reason: c.expected.reason }, c.label);
    const remaining = full.remainingDailyAllowance(tierIn(c.tier), merchantIn(c.merchant), BigInt(c.now));
    assert.equal(remaining, BigInt(c.expected.remaining_daily_allowance), c.label);
  }
});

test('paymaster.json executions: executeSponsorship', () => {
  for (const c of v.executions) {
    const outcome = full.executeSponsorship(tierIn(c.tier), merchantIn(c.merchant), c.now, c.amount, c.balance);
    if (c.expected.ok) {
      assert.deepEqual(outcome, { ok: bigints(merchantIn(c.expected.ok)) }, c.label);
    } else {
      assert.deepEqual(outcome, { revert: { ...c.expected.error, data: c.expected.revert_data } }, c.label);
      assert.deepEqual(full.decodePaymasterError(c.expected.revert_data), c.expected.error, c.label);
    }
  }
});

test('paymaster.json calldata: decodePaymasterCall and the typed encoders', () => {
  for (const c of v.calldata) {
    assert.deepEqual(full.decodePaymasterCall(c.calldata), c.decoded, c.function);
    const a = c.decoded.args;
    switch (c.function) {
      case 'executeSponsorship': {
        assert.equal(full.encodeExecuteSponsorship(a.merchant, a.amount, Number(a.operationType)), c.calldata);
        const typed = full.decodeExecuteSponsorship(c.calldata);
        assert.deepEqual(typed, { merchant: a.merchant, amount: BigInt(a.amount), operationType: Number(a.operationType) });
        break;
      }
      case 'sponsorMerchant':
        assert.equal(full.encodeSponsorMerchant(a.merchant, BigInt(a.tierId)), c.calldata);
        break;
      case 'refundUnusedGas':
        assert.equal(full.encodeRefundUnusedGas(a.merchant, a.refundAmount), c.calldata);
        break;
      case 'batchExecuteSponsorship':
        assert.equal(
          full.encodeBatchExecuteSponsorship(a.merchants, a.amounts, a.operationTypes.map(Number)),
          c.calldata,
        );
        break;
      case 'canSponsor':
        assert.equal(full.encodeCanSponsor(a.merchant, a.amount), c.calldata);
        break;
      case 'deposit':
        assert.equal(full.encodeDeposit(), c.calldata);
        break;
      default: // createTier: owner-only, decoded only
    }
  }
});

test('paymaster.json returns, logs and reverts', () => {
  for (const c of v.returns) {
    assert.deepEqual(full.decodePaymasterReturn(c.selector, c.data), c.decoded, c.function);
    if (c.function === 'canSponsor') assert.deepEqual(full.decodeCanSponsor(c.data), c.typed);
  }
  for (const c of v.logs) assert.deepEqual(full.decodePaymasterLog({ topics: c.topics, data: c.data }), c.decoded, c.event);
  for (const c of v.reverts) assert.deepEqual(full.decodePaymasterError(c.data), c.decoded, c.error);
});

test('paymaster.json negative cases give their code', () => {
  const merchant = '0x' + 'cd'.repeat(20);
  for (const c of v.negative) {
    switch (c.decoder) {
      case 'decode_execute_sponsorship':
        assertSetError(() => full.decodeExecuteSponsorship(c.input.data), c.code);
        break;
      case 'encode_batch_execute_sponsorship':
        assertSetError(
          () =>
            full.encodeBatchExecuteSponsorship(
              Array(c.input.merchants).fill(merchant),
              Array(c.input.amounts).fill(1n),
              Array(c.input.operations).fill(full.OperationType.OTHER),
            ),
          c.code,
        );
        break;
      case 'decode_revert':
        assertSetError(() => full.decodePaymasterError(c.input.data), c.code);
        break;
      case 'decode_log':
        assertSetError(() => full.decodePaymasterLog(c.input), c.code);
        break;
      default:
        assert.fail(`no binding for negative decoder ${c.decoder}`);
    }
  }
});

test('paymaster bad inputs name the field', () => {
  const tier = full.defaultTiers()[0];
  const merchant = { active: true, tierId: 0, lastDayReset: 0, lastMonthReset: 0, spentToday: 0, spentThisMonth: 0, totalSponsored: 0 };
  assertSetError(() => full.canSponsor({ ...tier, maxPerDay: -1 }, merchant, 0, 1, 1), 'INVALID_ARGUMENT', 'tier.maxPerDay');
  assertSetError(() => full.canSponsor(tier, { ...merchant, active: 'yes' }, 0, 1, 1), 'INVALID_ARGUMENT', 'merchant.active');
  assertSetError(() => full.canSponsor(tier, merchant, 1.5, 1, 1), 'INVALID_ARGUMENT', 'now');
  assertSetError(() => full.canSponsor(null, merchant, 0, 1, 1), 'INVALID_ARGUMENT', 'tier');
  assertSetError(() => full.canSponsor(tier, merchant, 0, 2n ** 256n, 1), 'INVALID_ARGUMENT', 'amount');
  assertSetError(() => full.encodeExecuteSponsorship('0x1234', 1, 0), 'WRONG_LENGTH', 'merchant');
  assertSetError(() => full.encodeExecuteSponsorship(merchant.tierId, 1, 0), 'INVALID_ARGUMENT', 'merchant');
  assertSetError(() => full.encodeExecuteSponsorship('0x' + '11'.repeat(20), 1, 7), 'INVALID_OPERATION_TYPE');
  assertSetError(() => full.encodeExecuteSponsorship('0x' + '11'.repeat(20), 1, 256), 'INVALID_ARGUMENT', 'operationType');
  assertSetError(() => full.encodeBatchExecuteSponsorship(['0x' + '11'.repeat(20)], [1], 'x'), 'INVALID_ARGUMENT', 'operationTypes');
  assertSetError(() => full.encodeBatchExecuteSponsorship(['0xzz'], [1], [0]), 'INVALID_HEX', 'merchants[0]');
  assertSetError(() => full.decodeCanSponsor('0x' + '00'.repeat(31)), 'TRUNCATED');
  assertSetError(() => full.decodeGetRemainingDailyAllowance('0x'), 'TRUNCATED');
});
