/**
 * Grow-only scratch buffers. The HRV functions run on every beat for hours, so they reuse module-level typed
 * arrays instead of allocating per call; a buffer only grows to the largest input seen, which keeps the heap flat.
 * Safe because every function that uses one runs to completion synchronously and never re-enters itself.
 */
export class Float64Scratch {
  private buffer = new Float64Array(0);

  /** A buffer of at least `size` elements; its contents are unspecified. */
  get(size: number): Float64Array {
    if (this.buffer.length < size) this.buffer = new Float64Array(Math.max(size, this.buffer.length * 2, 16));
    return this.buffer;
  }
}

/** Byte-sized counterpart of {@link Float64Scratch}, for per-beat flag sets. */
export class Uint8Scratch {
  private buffer = new Uint8Array(0);

  get(size: number): Uint8Array {
    if (this.buffer.length < size) this.buffer = new Uint8Array(Math.max(size, this.buffer.length * 2, 16));
    return this.buffer;
  }
}
