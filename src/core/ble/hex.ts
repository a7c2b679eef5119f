/** Bytes as lower-case hex pairs separated by spaces, the form packet logs and the test vectors use. */
export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

/** Parses hex with or without separators ("10 48 20 03", "10482003"); undefined when it is not whole bytes of hex. */
export function hexToBytes(hex: string): Uint8Array | undefined {
  const digits = hex.replace(/[\s:-]/gu, '');
  if (digits.length % 2 !== 0 || !/^[0-9a-f]*$/iu.test(digits)) return undefined;
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}
