import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NONCE_BYTES, ShareCipher, TAG_BYTES } from '../../../../src/adapters/share/share-cipher';

const keyBytes = Uint8Array.from({ length: 32 }, (_, i) => i);

describe('ShareCipher', () => {
  it('opens what it sealed, and seals as nonce || ciphertext with its tag', async () => {
    const cipher = await ShareCipher.fromRawKey(keyBytes);
    const plaintext = Uint8Array.from([1, 2, 3, 4, 5]);
    const sealed = await cipher.seal(plaintext);
    expect(sealed.length).toBe(NONCE_BYTES + plaintext.length + TAG_BYTES);
    expect(await cipher.open(sealed)).toEqual(plaintext);
  });

  it('uses a new nonce for every message', async () => {
    const cipher = await ShareCipher.fromRawKey(keyBytes);
    const nonces = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const sealed = await cipher.seal(Uint8Array.from([7]));
      nonces.add(Buffer.from(sealed.subarray(0, NONCE_BYTES)).toString('hex'));
    }
    expect(nonces.size).toBe(200);
  });

  it('gives undefined under the wrong key', async () => {
    const sealed = await (await ShareCipher.fromRawKey(keyBytes)).seal(Uint8Array.from([60]));
    const other = await ShareCipher.fromRawKey(keyBytes.map((byte) => byte ^ 1));
    expect(await other.open(sealed)).toBeUndefined();
  });

  it('gives undefined for any changed byte, and for messages too short to hold a tag', async () => {
    const cipher = await ShareCipher.fromRawKey(keyBytes);
    const sealed = await cipher.seal(Uint8Array.from([1, 2, 3]));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: sealed.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, xor) => {
          const changed = sealed.slice();
          changed[at] = (changed[at] ?? 0) ^ xor;
          expect(await cipher.open(changed)).toBeUndefined();
        },
      ),
      { numRuns: 100 },
    );
    expect(await cipher.open(new Uint8Array(NONCE_BYTES + TAG_BYTES - 1))).toBeUndefined();
    expect(await cipher.open(new Uint8Array())).toBeUndefined();
  });

  it('refuses a key of the wrong length', async () => {
    await expect(ShareCipher.fromRawKey(new Uint8Array(16))).rejects.toThrow(RangeError);
  });
});
