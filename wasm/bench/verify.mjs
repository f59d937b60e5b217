// `make bench-verify` (Node part, after the Rust part): bulk receipt verification through the npm
// package against Rust's bulk in the same run.
//
//     node wasm/bench/verify.mjs <the --out folder of set-bench-verify>
//
// Reads `bundles.json` (the Rust part's bundle texts), `trust.json` and `rust.json` (Rust's µs
// per receipt), and times one `verifyReceipts(texts, trust)` call of each module: the checkout
// module (`@setchain/core`, Ed25519 one signature at a time: no batch verification in its
// budget) and the full module (`@setchain/core/full`, batched Ed25519 as in Rust). Times are this
// process's CPU time (`process.cpuUsage`: the machine is shared), the median of REPEAT rounds.
// Then the same call through @setchain/core-native (node/pkg, `make node-native`: set-core built
// for this machine through napi-rs), whose reason to exist is this number. Target: the full
// module, and the native package, within 1.15 × of Rust's bulk per receipt. BENCH_MD=<file>: the
// table is appended to that file.
import { deepStrictEqual } from 'node:assert';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPEAT = 5;
const TARGET = 1.15;

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node wasm/bench/verify.mjs <the --out folder of set-bench-verify>');
  process.exit(2);
}
const read = (name) => readFileSync(join(folder, name), 'utf8');
const texts = JSON.parse(read('bundles.json'));
const trust = read('trust.json');
const rust = JSON.parse(read('rust.json'));
const entries = [
  ['`@setchain/core` (checkout module) `verifyReceipts`', await import('../pkg/node/index.mjs')],
  ['`@setchain/core/full` `verifyReceipts`', await import('../pkg/node/full.mjs')],
  ['`@setchain/core-native` `verifyReceipts` (napi-rs)', await import('../../node/pkg/index.mjs')],
];

const cpuSeconds = (run) => {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const rows = [];
let fullVerdicts;
for (const [index, [what, core]] of entries.entries()) {
  // Every bundle of the corpus is valid: a bench of refusals would measure the wrong thing.
  const verdicts = core.verifyReceipts(texts, trust);
  if (verdicts.length !== texts.length || !verdicts.every((v) => v.valid)) throw new Error(`${what}: a corpus bundle does not verify`);
  // The native package answers with the full module's verdicts, reasons included.
  if (index === 1) fullVerdicts = verdicts;
  if (index === 2) deepStrictEqual(verdicts, fullVerdicts, `${what}: verdicts differ from @setchain/core/full`);
  const times = Array.from({ length: REPEAT }, () => cpuSeconds(() => core.verifyReceipts(texts, trust)));
  rows.push([what, (median(times) / texts.length) * 1e6]);
}
const theirs = rust.us_per_receipt.bulk_from_text;
// The same comparison for the native package in one process, rounds interleaved, so both sides
// see one load (the Rust part ran minutes earlier): the core's bulk from the same texts with no
// verdict converted back (`__rustBulkFromText`, the package's bench-only export), then the
// package's `verifyReceipts`.
const native = entries[2][1].default ?? entries[2][1];
const rustHere = [];
const nativeHere = [];
for (let round = 0; round < REPEAT; round += 1) {
  rustHere.push(cpuSeconds(() => {
    if (native.__rustBulkFromText(texts, trust) !== texts.length) throw new Error('a corpus bundle does not verify in Rust');
  }));
  nativeHere.push(cpuSeconds(() => native.verifyReceipts(texts, trust)));
}
const perReceipt = (seconds) => (seconds / texts.length) * 1e6;
const [rustInterleaved, nativeInterleaved] = [perReceipt(median(rustHere)), perReceipt(median(nativeHere))];
const targets = [
  ['Node bulk (full module)', rows[1][1]],
  // Informational: Rust's figure is another process's thread CPU time, minutes earlier, while
  // Node's is this process's (V8's helper threads included); the row after the loop is the target.
  ['Node bulk (`@setchain/core-native`) against the Rust part (another process)', rows[2][1], 'informational'],
];
let table = `\n| bulk receipt verification from Node (${texts.length} bundle texts, one \`verifyReceipts\` call; CPU time, median of ${REPEAT} rounds) | µs per receipt |\n|---|--:|\n`;
table += `| set-core (Rust) \`verify_receipts_json\`, from text (the Rust part) | ${theirs.toFixed(1)} |\n`;
table += rows.map(([what, us]) => `| ${what} | ${us.toFixed(1)} |\n`).join('');
table += '\n| target | this run | |\n|---|--:|---|\n';
for (const [what, us, informational] of targets) {
  const verdict = informational ? 'informational: the target is the next row' : us / theirs <= TARGET ? 'met' : 'not met';
  table += `| ${what} within ${TARGET} × of Rust's bulk | ${(us / theirs).toFixed(2)} × | ${verdict} |\n`;
}
const interleaved = nativeInterleaved / rustInterleaved;
table += `| Node bulk (\`@setchain/core-native\`, ${nativeInterleaved.toFixed(1)} µs) within ${TARGET} × of Rust's bulk from the same texts in the same process, rounds interleaved (${rustInterleaved.toFixed(1)} µs) | ${interleaved.toFixed(2)} × | ${interleaved <= TARGET ? 'met' : 'not met'} |\n`;
process.stdout.write(table);
if (process.env.BENCH_MD) appendFileSync(process.env.BENCH_MD, table);
