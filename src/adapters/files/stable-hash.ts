/**
 * A fast, synchronous 64-bit content hash (two 32-bit lanes with the cyrb53 mixing), as 16 hex digits. It names
 * imported sessions after the file they came from, so importing the same file twice yields the same id. It is not
 * cryptographic: ids only need to tell files apart, and crypto.subtle would make every import async.
 */
export function stableHash(bytes: Uint8Array): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const byte of bytes) {
    h1 = Math.imul(h1 ^ byte, 2654435761);
    h2 = Math.imul(h2 ^ byte, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hex32(h2) + hex32(h1);
}

export function stableHashOfText(text: string): string {
  return stableHash(new TextEncoder().encode(text));
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
