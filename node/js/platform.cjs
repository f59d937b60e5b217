'use strict';
// The platform name of a native binary, as napi-rs names them (`linux-x64-gnu`, `darwin-arm64`,
// `win32-x64-msvc`): the package's loader (index.js) and its build (scripts/build.mjs) agree on
// the file `set-core-native.<platform>.node` through this one function.

/** Whether this Linux process runs on glibc (else musl): the report names glibc's version. */
function isGlibc() {
  const report = typeof process.report?.getReport === 'function' ? process.report.getReport() : null;
  const header = report && (typeof report === 'string' ? JSON.parse(report) : report).header;
  return Boolean(header && header.glibcVersionRuntime);
}

/** `<os>-<arch>[-<abi>]` of this process. */
function platformName() {
  const { platform, arch } = process;
  if (platform === 'linux') return `${platform}-${arch}-${isGlibc() ? 'gnu' : 'musl'}`;
  if (platform === 'win32') return `${platform}-${arch}-msvc`;
  return `${platform}-${arch}`;
}

exports.platformName = platformName;
exports.BINARY_NAME = 'set-core-native';
