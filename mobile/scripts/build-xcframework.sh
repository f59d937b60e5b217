#!/usr/bin/env bash
# Apple: SetChainCoreFFI.xcframework (iOS device, iOS simulator arm64+x86_64, macOS arm64+x86_64) and
# the Swift sources, laid out as the Swift package in mobile/swift/ expects.
#
# NOT RUN on the machines of this project (Linux, no Xcode). Needs macOS with Xcode 15+ and:
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios \
#                     aarch64-apple-darwin x86_64-apple-darwin
# Follows bdk-swift's build-xcframework.sh: static libraries per triple, lipo per platform,
# the generated modulemap renamed to module.modulemap, xcodebuild -create-xcframework.
#
# Usage: mobile/scripts/build-xcframework.sh   (from anywhere; writes mobile/swift/)
# SET_MOBILE_FEATURES=client adds SetClient (the async client; a larger library, see
# mobile/README.md) to both the static libraries and the Swift sources.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
profile=release-mobile
swift_dir=$root/mobile/swift
build=$target/xcframework
rm -rf "$build" "$swift_dir/SetChainCoreFFI.xcframework" "$swift_dir/Sources/SetChainCore/SetChainCore.swift"
mkdir -p "$build/headers" "$swift_dir/Sources/SetChainCore"
features=()
[ -z "${SET_MOBILE_FEATURES:-}" ] || features=(--features "$SET_MOBILE_FEATURES")

for triple in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin; do
    cargo build -p set-mobile --profile "$profile" --target "$triple" ${features[@]+"${features[@]}"}
done

# Swift sources and the C header from the host library (library mode).
cargo build -p set-mobile ${features[@]+"${features[@]}"} -p set-mobile-bindgen
"$target/debug/uniffi-bindgen" generate --library "$target/debug/libset_mobile.dylib" --language swift \
    --no-format --out-dir "$build/generated"
cp "$build/generated/SetChainCoreFFI.h" "$build/headers/"
cp "$build/generated/SetChainCoreFFI.modulemap" "$build/headers/module.modulemap"
cp "$build/generated/SetChainCore.swift" "$swift_dir/Sources/SetChainCore/"

lib=libset_mobile.a
mkdir -p "$build/ios-sim" "$build/macos"
lipo -create "$target/aarch64-apple-ios-sim/$profile/$lib" "$target/x86_64-apple-ios/$profile/$lib" \
    -output "$build/ios-sim/$lib"
lipo -create "$target/aarch64-apple-darwin/$profile/$lib" "$target/x86_64-apple-darwin/$profile/$lib" \
    -output "$build/macos/$lib"
xcodebuild -create-xcframework \
    -library "$target/aarch64-apple-ios/$profile/$lib" -headers "$build/headers" \
    -library "$build/ios-sim/$lib" -headers "$build/headers" \
    -library "$build/macos/$lib" -headers "$build/headers" \
    -output "$swift_dir/SetChainCoreFFI.xcframework"
echo "swift: $swift_dir/SetChainCoreFFI.xcframework and Sources/SetChainCore/SetChainCore.swift;"
echo "       run: cd mobile/swift && swift test"
