/** AES-GCM's recommended nonce length: 96 bits. */
export const NONCE_BYTES = 12;
/** AES-GCM's full 128-bit authentication tag. */
export const TAG_BYTES = 16;
export const SHARE_KEY_BYTES = 32;

/**
 * The share group's AES-GCM-256 key: every message is sealed as nonce || ciphertext (with its tag), a fresh random
 * 96-bit nonce each time. The key is imported non-extractable, so nothing in the page can read it back. The server
 * relays ciphertext it cannot open.
 */
export class ShareCipher {
  readonly #key: CryptoKey;

  private constructor(key: CryptoKey) {
    this.#key = key;
  }

  /** From the invitation's 32 raw key bytes; works in browsers and in Node 20 (globalThis.crypto). */
  static async fromRawKey(keyBytes: Uint8Array): Promise<ShareCipher> {
    if (keyBytes.length !== SHARE_KEY_BYTES) {
      throw new RangeError(
        `a share key has ${String(SHARE_KEY_BYTES)} bytes, not ${String(keyBytes.length)}`,
      );
    }
    const key = await crypto.subtle.importKey('raw', new Uint8Array(keyBytes), { name: 'AES-GCM' }, false, [
      'encrypt',
      'decrypt',
    ]);
    return new ShareCipher(key);
  }

  async seal(plaintext: Uint8Array): Promise<Uint8Array> {
    const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    const ciphertext = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce },
      this.#key,
      new Uint8Array(plaintext),
    );
    const sealed = new Uint8Array(NONCE_BYTES + ciphertext.byteLength);
    sealed.set(nonce);
    sealed.set(new Uint8Array(ciphertext), NONCE_BYTES);
    return sealed;
  }

  /** The plaintext, or undefined when the message does not authenticate under this key (the caller counts it). */
  async open(sealed: Uint8Array): Promise<Uint8Array | undefined> {
    if (sealed.length < NONCE_BYTES + TAG_BYTES) return undefined;
    try {
      const plaintext = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: sealed.slice(0, NONCE_BYTES) },
        this.#key,
        sealed.slice(NONCE_BYTES),
      );
      return new Uint8Array(plaintext);
    } catch {
      return undefined;
    }
  }
}
