#!/usr/bin/env bash
# Android: libset_mobile.so for arm64-v8a, armeabi-v7a and x86_64 plus the Kotlin sources, laid
# out for an Android library module (src/main/jniLibs/<abi>/, src/main/kotlin/).
#
# NOT RUN on the machines of this project (no Android NDK there). Needs:
#   - the Android NDK (r27+), ANDROID_NDK_HOME set
#   - cargo install cargo-ndk
#   - rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
# The app depends on JNA for Android: net.java.dev.jna:jna:5.x@aar.
#
# 16 KB page size (required for new Play Store apps targeting Android 15+): every .so is linked
# with max-page-size=16384. NDK r28+ does this by default; the flag keeps older NDKs right.
# The release-mobile profile (Cargo.toml) is the size profile: LTO, opt-level "z", panic abort, strip.
#
# Usage: mobile/scripts/build-android.sh [OUT_DIR]   (default target/android), from the repo root.
# SET_MOBILE_FEATURES=client adds SetClient (the async client; a larger library, see
# mobile/README.md) to both the libraries and the Kotlin sources.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-target/android}
: "${ANDROID_NDK_HOME:?set ANDROID_NDK_HOME to the NDK}"
command -v cargo-ndk >/dev/null || { echo "cargo install cargo-ndk" >&2; exit 1; }
features=()
[ -z "${SET_MOBILE_FEATURES:-}" ] || features=(--features "$SET_MOBILE_FEATURES")

export RUSTFLAGS="${RUSTFLAGS:-} -C link-arg=-Wl,-z,max-page-size=16384"
cargo ndk --platform 24 -t arm64-v8a -t armeabi-v7a -t x86_64 -o "$out/jniLibs" \
    build -p set-mobile --profile release-mobile ${features[@]+"${features[@]}"}

# Kotlin sources from the host build of the same commit (library mode reads the metadata of any
# build; the Android override adds the Android cleaner).
cargo build -p set-mobile ${features[@]+"${features[@]}"} -p set-mobile-bindgen
target=${CARGO_TARGET_DIR:-target}
"$target/debug/uniffi-bindgen" generate --library "$target/debug/libset_mobile.so" --language kotlin \
    --config mobile/uniffi-android.toml --no-format --out-dir "$out/kotlin"
echo "android: $out/jniLibs/{arm64-v8a,armeabi-v7a,x86_64}/libset_mobile.so and $out/kotlin/"
