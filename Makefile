# Set SDK — the two commands a newcomer needs:
#   make demo   run the main job: the whole stack on 127.0.0.1 (anvil, contracts, dev sequencer,
#               set-anchor), commerce events anchored, a receipt verified from every SDK
#   make test   everything CI checks: no citation of outside documents, fmt, clippy, MSRV of the lock,
#               tests, vectors guard, fuzz corpus, rustdoc, wasm build and its size budget, the
#               @setchain/core package (Node tests, its client and viem / ethers adapters against the
#               live local network (js-client-test), npm pack into a fresh folder, the Vite-built
#               web-checkout page in Chromium), the native @setchain/core-native package (napi-rs; its
#               Node tests), contract tests (forge), a deploy on anvil and slither
#               against its triage file, the setchain Python
#               package's pytest suite (in a venv it creates under target/), the Kotlin binding compiled
#               and run on the JVM (mobile-test; Swift sources generated and checked), set-anchor end to
#               end on anvil (anchor-test), set-client against the dev sequencer and anvil
#               (client-test), the set command line's golden outputs and its run against the same
#               network (cli-test), anchor proofs end to end on an anvil L2 and an anvil L1 with OP's
#               L2OutputOracle (devnet-l1-test), and make demo itself, legacy and hybrid (demo-hybrid)
# Both install what they need (rustup components and targets, wasm-bindgen-cli, npm packages from
# the lock files, Debian's chromium, libjna-java and a JRE) idempotently.

CARGO ?= cargo
WASM_TARGET := wasm32-unknown-unknown

.PHONY: devnet-l1-setup devnet-l1-test standalone-check demo demo-hybrid demo-build demo-core node-example-setup kotlin-receipts web-checkout-setup test setup fmt-check clippy msrv slither-setup slither unit doc-check wasm-check wasm-setup wasm wasm-abi wasm-test js-client-test wasm-pack-test node-native node-native-test browser-setup web-checkout-test bench-js-setup bench-js contracts-setup contracts-test contracts-gas vectors bench-core fuzz-setup fuzz python-venv python-install python-test bench-py mobile-setup mobile mobile-test bench-mobile bench-sign-kotlin anchor-test client-test bench-anchor bench-verify bench-sign bench bench-audit cli-test

# The main job (tools/demo, examples/): anvil + SetRegistry + set-dev-sequencer + set-anchor on
# 127.0.0.1, sample commerce events signed (by store agents in Rust, Python and JS), sequenced,
# committed and anchored, then one order's receipt verified with the on-chain check from Rust,
# Python, Node, the checkout page in Chromium and Kotlin (JVM), each also refusing a tampered copy.
# Builds and installs what it needs first (minutes on a fresh machine, seconds after). `make test`
# runs it too.
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
DEMO_BIN := $(TARGET_DIR)/debug
# The verifiers that check ML-DSA-65 too (Node through @setchain/core/full).
DEMO_VERIFIERS = \
		--verifier "Rust=$(DEMO_BIN)/verify-receipt" \
		--verifier "Python=$(PY_BIN)/python examples/back-office/verify_export.py" \
		--verifier "Node=node examples/node/verify-receipt.mjs" \
		--verifier "Kotlin=java -Djna.library.path=$(dir $(MOBILE_LIB)) -cp $(MOBILE_OUT)/kotlin-receipts.jar:$(JNA_JAR):$(COROUTINES_JAR) io.setchain.examples.VerifyReceiptsKt"
# The verifiers whose SDK checks anchor proofs: the demo ends with the sample order proven to an
# output root on an L1 (anvil with OP's L2OutputOracle) and each of them verifying it at anchored-l1.
# The checkout page's entry has no anchor-proof checks, so it is not among them.
DEMO_ANCHORED_L1 = --anchored-l1 Rust --anchored-l1 Python --anchored-l1 Node --anchored-l1 Kotlin
# Two of the three stores' agents sign through the bindings the demo shows (the third in Rust);
# their ingest bodies must equal set-core's byte for byte.
DEMO_AGENTS = \
		--agent "acme-sf-retail=Python=$(PY_BIN)/python examples/store-agent-python/sign_events.py" \
		--agent "blueharbor-cafe=JS=node examples/node/sign-events.mjs"
demo: demo-build python-install kotlin-receipts node-example-setup web-checkout-setup
	$(DEMO_BIN)/set-demo --root $(CURDIR) --out $(TARGET_DIR)/demo $(DEMO_AGENTS) $(DEMO_VERIFIERS) $(DEMO_ANCHORED_L1) \
		--verifier "Browser=node examples/web-checkout/verify-on-demo-network.mjs" \
		--embedded-anchor "$(DEMO_BIN)/anchor-once"

# The same demo on a hybrid network: the dev sequencer in the hybrid profile (receipts signed
# Ed25519 + ML-DSA-65), hybrid agent keys registered with proofs of possession, every event
# signed with both, the trust root pinning the sequencer's ML-DSA-65 key with the policy
# require-hybrid, and a third forged copy (a receipt's ML-DSA-65 half flipped) every verifier must
# refuse. Without the checkout page: its entry, @setchain/core, has no ML-DSA-65. The run itself
# takes about a minute once built (1.5-2.2 min with the prerequisites' checks, which `make test`
# has already made for `demo`), so `make test` runs it too.
demo-hybrid: demo-build python-install kotlin-receipts node-example-setup
	$(DEMO_BIN)/set-demo --root $(CURDIR) --out $(TARGET_DIR)/demo-hybrid --security-profile hybrid \
		$(DEMO_AGENTS) $(DEMO_VERIFIERS) $(DEMO_ANCHORED_L1) --embedded-anchor "$(DEMO_BIN)/anchor-once"

demo-build: setup contracts-setup devnet-l1-setup
	$(CARGO) build -p set-anchor -p set-dev-sequencer -p set-demo -p set-example-rust --bins

# The Node example uses the package built by `make wasm` (a file: dependency, linked, offline).
node-example-setup: wasm
	@cd examples/node && { [ node_modules/.package-lock.json -nt package.json ] || npm install --no-audit --no-fund; }

# The Kotlin example compiled with the generated binding (same kotlinc and JNA as mobile-test).
kotlin-receipts: mobile mobile-setup
	@mkdir -p $(MOBILE_OUT)
	$(KOTLINC) -nowarn -cp $(JNA_JAR):$(COROUTINES_JAR) -d $(MOBILE_OUT)/kotlin-receipts.jar -include-runtime \
		mobile/bindings/kotlin/io/setchain/core/set_mobile.kt examples/kotlin-receipts/VerifyReceipts.kt

# The core alone, no network: sign a batch, build a receipt bundle, verify it (the first demo).
demo-core: setup
	$(CARGO) run -q -p set-core --example receipt_demo --features signing

# Besides the tests, `make test` enforces budgets and checks that fail the build:
#   clippy   -D warnings, which includes clippy's incompatible_msrv: no std API newer than the
#            crate's rust-version in our own code;
#   msrv     no crate in Cargo.lock that a workspace member compiles declares a newer
#            rust-version than that member (tools/msrv-check.py, whose header says what it cannot see);
#   wasm     the package's size budget: @setchain/core/slim + its .wasm <= 100,000 B and the
#            default entry (wasm inlined) <= 130,000 B, gzip -9 file by file (wasm/scripts/build.mjs);
#   slither  slither on contracts/src: every finding fixed or triaged with a reason in
#            contracts/slither-triage.toml, and no triaged finding gone stale.
test: standalone-check setup fmt-check clippy msrv unit doc-check wasm-check wasm wasm-test js-client-test wasm-pack-test node-native-test web-checkout-test contracts-test slither python-test mobile-test anchor-test client-test cli-test devnet-l1-test demo demo-hybrid
	@echo "make test: all checks passed"

# Receipt verification (minutes, not part of `make test`): 10,000 bundles with two signatures each,
# one by one, in bulk (verify_receipts, batched Ed25519) and the limit measured in the same run
# (the hashes + one verify_batch of every signature); then ML-DSA-65 alone and the same receipts
# signed hybrid (Ed25519 + ML-DSA-65), one by one and in bulk, against their Ed25519-only cost +
# one ML-DSA-65 verification + 10 %. Writes the corpus the bindings' runs read to
# $(BENCH_VERIFY_OUT); python/bench/bench_verify.py then times setchain's ML-DSA-65 against Python
# cryptography's on its signatures and setchain's bulk against Rust's, and wasm/bench/verify.mjs the npm
# modules' bulk (wasm, and the native @setchain/core-native) against Rust's, then bench-mobile the Kotlin bulk against Rust's. See docs/adr/10-bulk-receipt-verification.md.
BENCH_VERIFY_OUT := $(TARGET_DIR)/bench-verify
bench-verify: setup python-install wasm node-native
	$(CARGO) run --release -q -p set-bench-verify -- --out $(BENCH_VERIFY_OUT)
	$(PY_BIN)/python python/bench/bench_verify.py $(BENCH_VERIFY_OUT)
	node wasm/bench/verify.mjs $(BENCH_VERIFY_OUT)
	$(MAKE) bench-mobile BENCH_MOBILE_BULK=$(BENCH_VERIFY_OUT)

# Signing throughput (seconds, not part of `make test`): 2,000 events with JSON payloads of
# 290-530 bytes taken from their fields to the signed event (rules, payload hash, signing hash,
# Ed25519; hybrid Ed25519 + ML-DSA-65 on the first 500, 50 in Node), the SDK against the work by
# hand with the library each language would otherwise use, in the same run, outputs asserted
# equal: Rust against ed25519-dalek + sha2 + ml-dsa, then python/bench/bench_sign.py against
# hashlib + cryptography, then wasm/bench/sign.mjs (the wasm and the native package) against @noble/ed25519,
# WebCrypto, node:crypto and @noble/post-quantum, then bench-sign-kotlin. Writes the corpus the bindings' runs read to $(BENCH_SIGN_OUT). See
# core/BENCHMARKS.md "Event signing".
BENCH_SIGN_OUT := $(TARGET_DIR)/bench-sign
bench-sign: setup python-install wasm node-native bench-js-setup
	$(CARGO) run --release -q -p set-bench-sign -- --out $(BENCH_SIGN_OUT)
	$(PY_BIN)/python python/bench/bench_sign.py $(BENCH_SIGN_OUT)
	node wasm/bench/sign.mjs $(BENCH_SIGN_OUT)
	$(MAKE) bench-sign-kotlin

# The Kotlin part of bench-sign, on the corpus in $(BENCH_SIGN_OUT) (run bench-sign first):
# mobile/bench/SignBench.kt, the binding against the JDK's MessageDigest + Signature (Ed25519;
# hybrid with ML-DSA-65, JDK 24+) in one JVM run. The library is the one apps ship, the stripped
# release-mobile build (uniffi reads no metadata from it at run time; the Kotlin is generated from
# the debug build by `make mobile`, the same API without the `bench` feature). The JVM is
# BENCH_JAVA, by default the first of `java` and /usr/lib/jvm/*/bin/java that is 24 or newer (else
# `java`: the hybrid rows are then skipped, and the run says so).
bench-sign-kotlin: mobile mobile-setup
	@# With the client feature: the Kotlin sources `make mobile` generated declare SetClient, whose
	@# symbols JNA binds when the library loads. Signing itself does not depend on the feature.
	$(CARGO) build -p set-mobile --profile release-mobile --features client
	@mkdir -p $(MOBILE_OUT)
	$(KOTLINC) -nowarn -cp $(JNA_JAR):$(COROUTINES_JAR) -d $(MOBILE_OUT)/kotlin-sign-bench.jar -include-runtime \
		mobile/bindings/kotlin/io/setchain/core/set_mobile.kt mobile/tests/kotlin/Json.kt mobile/bench/SignBench.kt
	@java="$(BENCH_JAVA)"; \
	[ -n "$$java" ] || for candidate in java /usr/lib/jvm/*/bin/java; do \
		version=$$("$$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'); \
		[ "$${version:-0}" -ge 24 ] 2>/dev/null && { java="$$candidate"; break; }; \
	done; \
	java=$${java:-java}; echo "JVM: $$java"; \
	"$$java" --enable-native-access=ALL-UNNAMED -Djna.library.path=$(dir $(MOBILE_RELEASE_LIB)) \
		-cp $(MOBILE_OUT)/kotlin-sign-bench.jar:$(JNA_JAR):$(COROUTINES_JAR) io.setchain.core.bench.sign.SignBenchKt $(BENCH_SIGN_OUT)

# The stream audit's throughput (seconds, not part of `make test`): one stream of 100,000 events
# in 1,000 commitments (signed with set-vectors' test agent seed) audited from an export, against
# the hashing limit measured in the same run (payload hash + signing hash + leaf + tree per event,
# with core's functions; target: at least 50 %), and several streams on 2 threads (the speed-up).
# See core/BENCHMARKS.md "Stream audit".
bench-audit:
	$(CARGO) run --release -q -p set-bench-audit

# Every benchmark in one run, not part of `make test` (~20 min built, ~45 min from cold): bench-core,
# bench-js, bench-py, bench-mobile, bench-anchor, contracts-gas and the binary sizes (wasm package,
# Python wheel, libset_mobile.so, the set-anchor binaries), one after the other; writes
# BENCHMARKS.md (machine, each section's command, every table, "failed: …" for a section that
# failed, then exits non-zero). Logs in $(CARGO_TARGET_DIR or target)/bench/. See tools/bench/README.md.
bench: setup
	MAKE="$(MAKE)" CARGO="$(CARGO)" PYTHON="$(PYTHON)" PY_VENV="$(PY_VENV)" $(PYTHON) tools/bench/run.py

# The repository stands on its own: no tracked file cites a document outside it (a design
# workspace path, a section of the product specification or background notes, a section sign not
# after a named RFC/FIPS, a numbered issue). Lists every offending file:line; see
# tools/check-standalone.sh.
standalone-check:
	bash tools/check-standalone.sh

setup:
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@rustup target list --installed 2>/dev/null | grep -q '^$(WASM_TARGET)$$' || rustup target add $(WASM_TARGET)

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets --all-features -- -D warnings

# Unit, doc and integration tests of every crate but set-anchor, set-client, set-cli and
# set-devnet-l1 (whose end-to-end tests need anvil: `make anchor-test`, `make client-test`,
# `make cli-test`, `make devnet-l1-test`); includes the vectors
# guard (tools/vectors/tests), the proptests and the fuzz corpus regression (core/tests).
unit:
	$(CARGO) test --workspace --all-features --exclude set-anchor --exclude set-client --exclude set-cli --exclude set-devnet-l1

# MSRV, as far as one toolchain can tell: the rust-version that each crate of Cargo.lock declares,
# against the rust-version of every workspace member that compiles it (see tools/msrv-check.py).
msrv:
	$(PYTHON) tools/msrv-check.py

# Rustdoc with warnings as errors: every public item documented, no broken links.
doc-check:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc -p set-core --no-deps --all-features

wasm-check:
	$(CARGO) build -p set-core --target $(WASM_TARGET)

# Build tooling of the package (binaryen's wasm-opt, TypeScript for the types test), from
# wasm/package-lock.json; reinstalled only when the lock is newer than node_modules.
wasm-setup:
	@cd wasm && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm install --no-audit --no-fund; }

# The npm package @setchain/core in wasm/pkg/ (installs the pinned wasm-bindgen CLI if missing).
wasm: setup wasm-setup
	node wasm/scripts/build.mjs

# The JSON ABIs @setchain/core/contracts ships (wasm/abi/*.json), rewritten from the Solidity
# interfaces by set-core's sol! (wasm/tests/contract_abis.rs; `make unit` fails when they drift).
wasm-abi:
	SET_WRITE_ABI=1 $(CARGO) test -p set-wasm --test contract_abis

# The package's Node test suite: every case of tests/vectors/ plus bad inputs, the entries, the
# hand-written types (tsc --strict).
wasm-test: wasm
	node --test wasm/test/*.test.mjs

# @setchain/core/client and the viem / ethers adapters (the pinned viem and ethers of
# wasm/package-lock.json) against the network `set-demo --serve-network` starts (anvil with
# SetRegistry, the dev sequencer, set-anchor; once for the file): every case of
# tests/conformance/client/matrix.json, the adapters' verdicts and a wrong-chain provider, retries
# through a fault proxy, a 401 not retried (wasm/test/client/).
js-client-test: wasm demo-build
	node --test wasm/test/client/*.test.mjs

# Packaging: npm pack, install the tarball into a fresh folder outside the repo, use it from
# ESM, CommonJS and TypeScript. Leaves the tarball in target/npm/.
wasm-pack-test: wasm
	node wasm/scripts/pack-test.mjs

# The npm package @setchain/core-native in node/pkg/: set-core compiled for this machine through
# napi-rs (crate set-node, release profile: the package exists for speed), for Node servers' bulk
# receipt verification and event signing; named for its platform (linux-x64-gnu here).
node-native: setup
	node node/scripts/build.mjs

# Its Node test suite: every conformance case one by one and in bulk (the expectations of
# @setchain/core/full), errors with their code and field, the signer against tests/vectors/agent.json,
# the package's loading (import, require, a missing platform).
node-native-test: node-native
	node --test node/test/*.test.mjs

# Debian's Chromium for the browser test (playwright-core drives it; it never downloads one).
browser-setup:
	@command -v chromium >/dev/null || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium || \
		{ $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium; }; }

# examples/web-checkout: Vite builds the page against the packed tarball; playwright-core drives
# Chromium through a valid, a tampered and a malformed receipt (screenshots in target/web-checkout/).
web-checkout-setup: wasm-pack-test browser-setup
	@cd examples/web-checkout && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm install --no-audit --no-fund; }
	cd examples/web-checkout && rm -rf node_modules/@setchain/core && \
		npm install --no-save --no-audit --no-fund --offline ../../target/npm/setchain-core-*.tgz

web-checkout-test: web-checkout-setup
	cd examples/web-checkout && node --test test/

# Benchmark (minutes, not part of `make test`): @setchain/core keccak-v1 against merkletreejs and
# @openzeppelin/merkle-tree at 2^10, 2^14, 2^16 leaves; prints the markdown table of wasm/README.md "Speed".
# The peers are pinned in wasm/bench/package-lock.json, installed only when the lock is newer.
bench-js-setup:
	@cd wasm/bench && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm install --no-audit --no-fund; }

bench-js: wasm bench-js-setup
	node --expose-gc wasm/bench/merkle.bench.mjs

# The pip package `setchain` (python/): a virtual environment with the pinned tools of
# python/requirements-dev.txt (created once, reused), the package built from this checkout
# (`pip install ./python`, release build through maturin) and installed into it, then pytest:
# every vector case, bad inputs, hypothesis properties, stubtest, mypy --strict, GIL release, and
# setchain.Client with the web3.py adapter against a live local network (the client matrix).
PYTHON ?= python3
PY_VENV ?= $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)/py-venv
PY_BIN := $(PY_VENV)/bin

python-venv:
	@[ -x $(PY_BIN)/python ] || $(PYTHON) -m venv $(PY_VENV)
	@$(PY_BIN)/python -m pip install -q --disable-pip-version-check -r python/requirements-dev.txt

python-install: python-venv
	PATH="$(PY_BIN):$$PATH" $(PY_BIN)/python -m pip install -q --disable-pip-version-check --no-build-isolation --no-deps --force-reinstall ./python

# The client tests (tests/test_client.py, test_web3.py) start `set-demo --serve-network`, which
# demo-build builds (with the Foundry toolchain its deploy needs).
python-test: python-install demo-build
	cd python && CARGO_TARGET_DIR="$(TARGET_DIR)" $(PY_BIN)/python -m pytest -q -p no:cacheprovider tests

# Speed against eth-hash and pymerkle (minutes; not part of `make test`): see python/README.md.
bench-py: python-install
	@$(PY_BIN)/python -m pip install -q --disable-pip-version-check -r python/requirements-bench.txt
	$(PY_BIN)/python python/bench/bench_merkle.py

# The Kotlin/Swift binding (mobile/, crate set-mobile, uniffi in library mode). `make mobile` builds
# the debug library and the in-repo uniffi-bindgen (mobile/uniffi-bindgen, same pinned uniffi) and
# generates the sources into mobile/bindings/{kotlin,swift}/ (generated, gitignored). Built with the
# feature `client` (SetClient, async over set-client): the generated Kotlin then needs
# kotlinx-coroutines, which the tests and the example take from the Kotlin compiler's own lib/.
MOBILE_TARGET := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
MOBILE_OUT := $(MOBILE_TARGET)/mobile
# The debug library is copied out of cargo's directory as soon as it is built, and the bindings are
# generated from that copy, which the JVM then loads: another build of set-mobile in the same
# target directory (other features, another checkout) cannot swap the library under the bindings.
MOBILE_LIB := $(MOBILE_OUT)/lib/libset_mobile.so
KOTLINC := mobile/node_modules/kotlin-compiler/bin/kotlinc-jvm
JNA_JAR := /usr/share/java/jna.jar
COROUTINES_JAR := mobile/node_modules/kotlin-compiler/lib/kotlinx-coroutines-core-jvm.jar

mobile: setup
	$(CARGO) build -p set-mobile --features client -p set-mobile-bindgen
	@mkdir -p $(dir $(MOBILE_LIB))
	cp $(MOBILE_TARGET)/debug/libset_mobile.so $(MOBILE_LIB).partial && mv $(MOBILE_LIB).partial $(MOBILE_LIB)
	rm -rf mobile/bindings/kotlin mobile/bindings/swift
	$(MOBILE_TARGET)/debug/uniffi-bindgen generate --no-format --library $(MOBILE_LIB) --language kotlin --out-dir mobile/bindings/kotlin
	$(MOBILE_TARGET)/debug/uniffi-bindgen generate --no-format --library $(MOBILE_LIB) --language swift --out-dir mobile/bindings/swift

# The Kotlin compiler from mobile/package-lock.json (npm kotlin-compiler; reinstalled only when the
# lock is newer), JNA from Debian (libjna-java) and, if no `java` is on PATH, Debian's default JRE
# (17 on bookworm); apt as root or with sudo, like browser-setup.
mobile-setup:
	@cd mobile && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm install --no-audit --no-fund; }
	@[ -f $(JNA_JAR) ] || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q libjna-java || \
		{ $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q libjna-java; }; }
	@command -v java >/dev/null || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q default-jre-headless || \
		{ $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q default-jre-headless; }; }

# Kotlin, for real: compiles the generated Kotlin and mobile/tests/kotlin/*.kt once (one kotlinc run)
# and runs them on the JVM against the debug library: every vector of tests/vectors/ plus bad inputs,
# and every case of tests/conformance/client/matrix.json through SetClient against a local network
# (set-demo --serve-network, started and stopped by mobile/scripts/with-network.sh).
# Swift cannot be compiled here: checks that generation produced the non-empty sources.
mobile-test: mobile mobile-setup demo-build
	bash mobile/scripts/check-generated.sh mobile/bindings
	@mkdir -p $(MOBILE_OUT)
	$(KOTLINC) -nowarn -cp $(JNA_JAR):$(COROUTINES_JAR) -d $(MOBILE_OUT)/kotlin-test.jar -include-runtime \
		mobile/bindings/kotlin/io/setchain/core/set_mobile.kt mobile/tests/kotlin/*.kt
	bash mobile/scripts/with-network.sh $(DEMO_BIN)/set-demo $(CURDIR) \
		java -Djna.library.path=$(dir $(MOBILE_LIB)) -cp $(MOBILE_OUT)/kotlin-test.jar:$(JNA_JAR):$(COROUTINES_JAR) \
		io.setchain.core.test.MainKt tests/vectors

# Benchmark (minutes, not part of `make test`): the stripped size of the x86_64 library built with
# the size profile release-mobile (LTO, opt-level z, panic abort), without and with the feature
# client, then Kotlin vs Rust time per receipt verification over 10,000 calls in one JVM run
# (feature `bench`). See mobile/README.md.
MOBILE_RELEASE_LIB := $(MOBILE_TARGET)/release-mobile/libset_mobile.so
MOBILE_BENCH_LIB := $(MOBILE_TARGET)/release-mobile-bench/libset_mobile.so
bench-mobile: mobile mobile-setup
	$(CARGO) build -p set-mobile --profile release-mobile --features client
	@echo "libset_mobile.so x86_64 release-mobile with SetClient (feature client), stripped: $$(stat -c %s $(MOBILE_RELEASE_LIB)) bytes"
	@# The default build last: tools/bench/run.py reads the size of the file this leaves.
	$(CARGO) build -p set-mobile --profile release-mobile
	@echo "libset_mobile.so x86_64 release-mobile, stripped: $$(stat -c %s $(MOBILE_RELEASE_LIB)) bytes"
	$(CARGO) build -p set-mobile --profile release-mobile-bench --features bench
	rm -rf $(MOBILE_OUT)/bench-bindings
	$(MOBILE_TARGET)/debug/uniffi-bindgen generate --no-format --library $(MOBILE_BENCH_LIB) --language kotlin --out-dir $(MOBILE_OUT)/bench-bindings
	$(KOTLINC) -nowarn -cp $(JNA_JAR) -d $(MOBILE_OUT)/kotlin-bench.jar -include-runtime \
		$(MOBILE_OUT)/bench-bindings/io/setchain/core/set_mobile.kt mobile/tests/kotlin/Json.kt mobile/bench/Bench.kt
	java -Djna.library.path=$(dir $(MOBILE_BENCH_LIB)) -cp $(MOBILE_OUT)/kotlin-bench.jar:$(JNA_JAR) \
		io.setchain.core.bench.BenchKt tests/vectors/receipts.json $(BENCH_MOBILE_BULK)

# Contracts: the Foundry toolchain, OpenZeppelin and forge-std come from contracts/package-lock.json.
# --ignore-scripts: the binaries ship in per-platform npm packages; no postinstall download.
# `npm install --no-save` rather than `npm ci`: some of Foundry's other-platform packages cannot be
# fetched here, so they are absent from the lock and `npm ci` refuses it; install honours the lock.
contracts-setup:
	@cd contracts && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm install --ignore-scripts --no-audit --no-fund --no-save; }

contracts-test: contracts-setup
	cd contracts && ./bin/forge test
	bash contracts/test/deploy-on-anvil.sh

# Slither (PyPI slither-analyzer, pinned with its dependencies in contracts/requirements-slither.txt)
# in its own venv under the target dir, reinstalled only when the requirements are newer than the
# venv's stamp. It compiles contracts/ through the npm forge and tools/solc (crytic-compile's
# Foundry support); contracts/tools/slither-check.py compares the findings with
# contracts/slither-triage.toml (contracts/README.md, "Slither").
SLITHER_VENV := $(TARGET_DIR)/slither-venv
slither-setup: contracts-setup
	@[ -x $(SLITHER_VENV)/bin/python ] || $(PYTHON) -m venv $(SLITHER_VENV)
	@[ $(SLITHER_VENV)/.requirements-installed -nt contracts/requirements-slither.txt ] || { \
		$(SLITHER_VENV)/bin/python -m pip install -q --disable-pip-version-check -r contracts/requirements-slither.txt && \
		touch $(SLITHER_VENV)/.requirements-installed; }

slither: slither-setup
	$(SLITHER_VENV)/bin/python contracts/tools/slither-check.py

# set-anchor end to end on loopback (anchor/tests/e2e.rs): anvil (chain id 84532001) + Deploy.s.sol
# + the dev sequencer + the set-anchor binary as real processes: 5 streams x 40 events with five
# kill -9, a refused commitment, startup errors, chaos (RPC proxy dropping sendRawTransaction, a
# failing sequencer, kill -9, anvil reorgs), reorgs at depth 1/3/10 before and after landing, an
# on-chain mismatch and a 4 000-block outage, standby takeover, the transaction manager against
# anvil; plus the crate's unit tests (cycle and transaction manager on in-memory fakes). About
# 4 minutes on a busy 2-core machine once built (6.5 when the crate is rebuilt first).
anchor-test: setup contracts-setup
	$(CARGO) test -p set-anchor --all-features -- --test-threads=1

# set-client (client/) against a real dev sequencer, anvil with SetRegistry deployed and one run
# of the real anchor as a library: ingest, wait, bundle, verify online at `anchored`; an ingest
# retried after 503s sequenced once; 30 ingests through a proxy failing 20 % of requests, none
# lost or sequenced twice; a wrong key as a typed 401; a bundle naming another registry
# refused; plus the crate's unit tests. About 20 s once built.
client-test: setup contracts-setup demo-build
	$(CARGO) test -p set-client --all-features

# The `set` command line (cli/): its golden outputs (cli/tests/golden/, compared with what the
# built binary prints for the conformance cases and the vectors; `UPDATE_GOLDEN=1 cargo test -p
# set-cli --test golden` rewrites them), exit codes, errors' codes and fields, and one run
# against the dev sequencer, anvil and the real anchor (event new/sign/send, bundle, verify
# --online). About 15 s once built.
cli-test: setup contracts-setup
	$(CARGO) test -p set-cli --all-features

# The L1 test network's contracts: @eth-optimism/contracts-bedrock (its compiled forge-artifacts:
# OP's L2OutputOracle and Proxy) from devnet/l1/package-lock.json, reinstalled only when the lock
# is newer than node_modules.
devnet-l1-setup:
	@cd devnet/l1 && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm install --ignore-scripts --no-audit --no-fund; }

# Anchor proofs end to end on loopback (devnet/l1/tests/anchor_proof.rs, ~15 s once built): anvil
# as Set Chain (Deploy.s.sol) and anvil as L1 with OP's L2OutputOracle 1.8.0, a committed batch
# proposed by the test proposer, its anchor.proof built by the core from eth_getProof and verified
# at anchored-l1 and anchored-l2-proof, then each tampering refused with its named reason.
devnet-l1-test: setup contracts-setup devnet-l1-setup
	$(CARGO) test -p set-devnet-l1 --all-features

# Benchmark (minutes, not part of `make test`): 200 commitments over 10 streams on anvil with 2 s
# blocks (pending -> landed and -> notified), one-by-one gas, JSON-RPC calls per cycle for 10 and
# 100 streams; prints the markdown table of anchor/README.md "Speed".
bench-anchor: setup contracts-setup
	$(CARGO) test -p set-anchor --all-features --test e2e bench_anchor -- --ignored --nocapture --test-threads=1

# Gas snapshot of the contract tests (checked in as contracts/.gas-snapshot).
contracts-gas: contracts-setup
	cd contracts && ./bin/forge snapshot

# Regenerate tests/vectors/*.json from the core; review the diff before committing.
vectors:
	$(CARGO) run -q -p set-vectors

# Criterion benchmarks (minutes): writes target/criterion; summary in core/BENCHMARKS.md
# (`python3 core/benches/report.py` prints its tables). CRITERION_ARGS go to Criterion, e.g.
# CRITERION_ARGS='--warm-up-time 1 --measurement-time 3' (what `make bench` uses).
CRITERION_ARGS ?=
bench-core:
	$(CARGO) bench -p set-core --bench merkle $(if $(strip $(CRITERION_ARGS)),-- $(CRITERION_ARGS))

# Long fuzzing, not part of `make test`: FUZZ_SECONDS per target (default 600).
FUZZ_SECONDS ?= 600
fuzz-setup: setup
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked

fuzz: fuzz-setup
	cd core/fuzz && for target in receipt abi json_text jcs; do \
		RUSTC_BOOTSTRAP=1 cargo fuzz run $$target corpus/$$target -- -max_total_time=$(FUZZ_SECONDS) || exit 1; \
	done
