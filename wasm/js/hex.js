// Decodes the inlined wasm of the default browser entries: lowercase hex, which gzips to 16 %
// less than base64 (hex keeps byte boundaries, so gzip sees the module's repeats). No Node APIs.
export function decodeHex(text) {
  const bytes = new Uint8Array(text.length >> 1);
  // '0'–'9' → 0–9 and 'a'–'f' → 10–15 without a table: low nibble, plus 9 for letters.
  const digit = (i) => {
    const c = text.charCodeAt(i);
    return (c & 15) + (c >> 6) * 9;
  };
  for (let i = 0; i < bytes.length; i++) bytes[i] = (digit(2 * i) << 4) | digit(2 * i + 1);
  return bytes;
}
