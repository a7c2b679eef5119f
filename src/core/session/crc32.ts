/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF: the checksum of zip,
 * gzip and PNG; crc32('123456789') = 0xCBF43926). It catches every burst error up to 32 bits and all but one in
 * 2^32 random corruptions, so a damaged chunk is refused instead of decoded into plausible but wrong samples.
 */
const table = (() => {
  const entries = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    entries[n] = c >>> 0;
  }
  return entries;
})();

/** CRC-32 of `bytes[0..length)`, as an unsigned 32-bit integer. */
export function crc32(bytes: Uint8Array, length = bytes.length): number {
  let crc = 0xffffffff;
  for (let i = 0; i < length; i++) crc = (table[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
