/**
 * Byte-level building blocks of the sample codec: unsigned LEB128 varints (7 bits per byte, low group first,
 * high bit = "more follows") and zigzag mapping of signed deltas (0, -1, 1, -2, ... → 0, 1, 2, 3, ...).
 * Varints are computed with arithmetic, not 32-bit bitwise operators, so every safe integer (< 2^53) fits.
 */

/** A varint never needs more than 8 bytes: 8 × 7 = 56 bits covers Number.MAX_SAFE_INTEGER (2^53 − 1). */
export const MAX_VARINT_BYTES = 8;

/** Why bytes could not be decoded, and where: never a partial or guessed result. */
export class SampleCodecError extends Error {
  override readonly name = 'SampleCodecError';
  constructor(
    readonly reason: string,
    /** Byte offset at which decoding failed. */
    readonly offset: number,
    readonly byteLength: number,
  ) {
    super(`Corrupted session samples (${byteLength} bytes, at byte ${offset}): ${reason}`);
  }
}

export function zigzag(value: number): number {
  return value < 0 ? -2 * value - 1 : 2 * value;
}

export function unzigzag(value: number): number {
  return value % 2 === 1 ? -(value + 1) / 2 : value / 2;
}

/** An append-only byte buffer that grows by doubling. */
export class ByteWriter {
  #bytes: Uint8Array;
  #length = 0;

  constructor(initialCapacity = 64) {
    this.#bytes = new Uint8Array(Math.max(16, initialCapacity));
  }

  get length(): number {
    return this.#length;
  }

  byte(value: number): void {
    if (this.#length === this.#bytes.length) this.#grow();
    this.#bytes[this.#length++] = value;
  }

  /** Unsigned varint of a non-negative safe integer (the caller checks the range). */
  varint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.byte((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.byte(rest);
  }

  /** Little-endian unsigned 32-bit integer. */
  uint32(value: number): void {
    this.byte(value & 0xff);
    this.byte((value >>> 8) & 0xff);
    this.byte((value >>> 16) & 0xff);
    this.byte((value >>> 24) & 0xff);
  }

  /** The bytes written so far, in an array of exactly that length. */
  toBytes(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }

  /** A view on the bytes written so far (no copy; valid until the next write). */
  view(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  #grow(): void {
    const bigger = new Uint8Array(this.#bytes.length * 2);
    bigger.set(this.#bytes);
    this.#bytes = bigger;
  }
}

/** Reads bytes [offset, end) and throws {@link SampleCodecError} instead of reading past `end`. */
export class ByteReader {
  offset: number;

  constructor(
    private readonly bytes: Uint8Array,
    offset: number,
    readonly end: number,
  ) {
    this.offset = offset;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  fail(reason: string): never {
    throw new SampleCodecError(reason, this.offset, this.bytes.length);
  }

  /** One byte; `what` names the field for the error message. */
  byte(what: string): number {
    if (this.offset >= this.end) this.fail(`truncated: ${what} missing`);
    return this.bytes[this.offset++] ?? 0;
  }

  /** An unsigned varint of at most {@link MAX_VARINT_BYTES} bytes whose value is a safe integer. */
  varint(what: string): number {
    let value = 0;
    let weight = 1;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const b = this.byte(what);
      value += (b & 0x7f) * weight;
      if ((b & 0x80) === 0) {
        if (!Number.isSafeInteger(value)) this.fail(`${what} is too large`);
        return value;
      }
      weight *= 0x80;
    }
    return this.fail(`${what} is longer than ${MAX_VARINT_BYTES} bytes`);
  }

  /** Little-endian unsigned 32-bit integer. */
  uint32(what: string): number {
    const b0 = this.byte(what);
    const b1 = this.byte(what);
    const b2 = this.byte(what);
    const b3 = this.byte(what);
    return (b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) >>> 0;
  }
}
