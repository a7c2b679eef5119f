/** Bytes from the browser's cryptographically strong source, for share group ids and keys. */
export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}
