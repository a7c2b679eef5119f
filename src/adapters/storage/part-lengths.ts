/**
 * The lengths of the parts of a merged chunk as unsigned LEB128 varints: one byte per part for the usual 5-second
 * live chunk (under 128 bytes), where a Uint32Array would spend four and eat into the bytes-per-hour budget.
 */
export function encodePartLengths(lengths: readonly number[]): Uint8Array {
  const out: number[] = [];
  for (const length of lengths) {
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`Bad part length ${length}`);
    let rest = length;
    while (rest >= 0x80) {
      out.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    out.push(rest);
  }
  return Uint8Array.from(out);
}

/** The inverse of encodePartLengths; throws a RangeError on a truncated varint. */
export function decodePartLengths(bytes: Uint8Array): number[] {
  const lengths: number[] = [];
  let value = 0;
  let scale = 1;
  let open = false;
  for (const byte of bytes) {
    value += (byte & 0x7f) * scale;
    if (byte & 0x80) {
      scale *= 0x80;
      open = true;
    } else {
      lengths.push(value);
      value = 0;
      scale = 1;
      open = false;
    }
  }
  if (open) throw new RangeError('Truncated part length');
  return lengths;
}
