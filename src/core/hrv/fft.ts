/**
 * Power spectrum of a real signal by a radix-2 FFT. Tables (bit reversal, twiddles) and work buffers are built
 * lazily once per size and cached, so the first spectral call pays for them once and later calls allocate
 * nothing. Only the sizes the HRV code uses (1024 and 4096 points) are ever built, so the cache stays small.
 */

interface RealFftPlan {
  /** Real transform length N (a power of two, at least 4). */
  readonly size: number;
  /** Complex transform length M = N / 2, computed on even/odd-packed samples. */
  readonly half: number;
  readonly bitReverse: Uint32Array;
  /**
   * cos and sin of 2πk/N for k ≤ M. They split the packed transform into the real one, and every other entry
   * (2πk/M) is a twiddle of the complex transform.
   */
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

const plans = new Map<number, RealFftPlan>();

function buildPlan(size: number): RealFftPlan {
  const half = size >>> 1;
  // Bit-reversal permutation in O(M) (the incremental reversed counter), not O(M log M).
  const bitReverse = new Uint32Array(half);
  for (let i = 1, j = 0; i < half; i++) {
    let bit = half >>> 1;
    for (; (j & bit) !== 0; bit >>>= 1) j ^= bit;
    j ^= bit;
    bitReverse[i] = j;
  }
  // One quarter wave of cosines gives every table by symmetry: half the trigonometric calls.
  const quarter = size >>> 2;
  const cos = new Float64Array(half + 1);
  const sin = new Float64Array(half + 1);
  for (let k = 0; k < quarter; k++) cos[k] = Math.cos((2 * Math.PI * k) / size);
  cos[quarter] = 0;
  for (let k = 0; k <= quarter; k++) {
    const c = cos[k] ?? 0;
    sin[quarter - k] = c;
    cos[half - k] = -c;
    sin[quarter + k] = c;
  }
  return { size, half, bitReverse, cos, sin, re: new Float64Array(half), im: new Float64Array(half) };
}

function planFor(size: number): RealFftPlan {
  let plan = plans.get(size);
  if (plan === undefined) {
    plan = buildPlan(size);
    plans.set(size, plan);
  }
  return plan;
}

/**
 * Writes |X_k|² for k = 0..size/2 into `out`, where X is the DFT of `input[0..length)` zero-padded to `size`
 * points (`size` a power of two ≥ 4, `length` ≤ `size`, `out.length` ≥ size/2 + 1). Only bins up to `lastBin`
 * are written when it is given: callers that need low frequencies only skip the rest of the split. The real
 * signal is packed as even + i·odd samples into one complex FFT of half the size and then split, which halves
 * the work.
 */
export function realPowerSpectrum(
  input: Float64Array,
  length: number,
  size: number,
  out: Float64Array,
  lastBin: number = size >>> 1,
): void {
  const plan = planFor(size);
  const { half, bitReverse, cos, sin, re, im } = plan;

  // Load in bit-reversed order fused with the first stage (span 2, twiddle 1): positions a and a + 1 hold the
  // packed samples m and m + M/2, so each pair is one sum and one difference of (x_2m + i·x_2m+1) values.
  const quarterOffset = half >>> 1;
  for (let a = 0; a < half; a += 2) {
    const m0 = bitReverse[a] ?? 0;
    const e0 = 2 * m0;
    const e1 = e0 + 2 * quarterOffset;
    const z0r = e0 < length ? (input[e0] ?? 0) : 0;
    const z0i = e0 + 1 < length ? (input[e0 + 1] ?? 0) : 0;
    const z1r = e1 < length ? (input[e1] ?? 0) : 0;
    const z1i = e1 + 1 < length ? (input[e1 + 1] ?? 0) : 0;
    re[a] = z0r + z1r;
    im[a] = z0i + z1i;
    re[a + 1] = z0r - z1r;
    im[a + 1] = z0i - z1i;
  }

  // Remaining stages in fused pairs (radix 2², i.e. radix-4 passes over radix-2 ordering): half the passes over
  // memory, the same twiddles. Blocks of size `done` are complete; a pass makes blocks of 4·done.
  let done = 2;
  while (done * 4 <= half) {
    const stepA = size / (2 * done); // table step of e^{−2πij/(2·done)}
    const stepB = stepA / 2; // table step of e^{−2πij/(4·done)}
    const blockSize = 4 * done;
    // Twiddles depend on j only, so j is the outer loop and each twiddle is loaded once per pass.
    for (let j = 0; j < done; j++) {
      const war = cos[j * stepA] ?? 0;
      const wai = -(sin[j * stepA] ?? 0);
      const wbr = cos[j * stepB] ?? 0;
      const wbi = -(sin[j * stepB] ?? 0);
      for (let i0 = j; i0 < half; i0 += blockSize) {
        const i1 = i0 + done;
        const i2 = i1 + done;
        const i3 = i2 + done;
        const x1r = re[i1] ?? 0;
        const x1i = im[i1] ?? 0;
        const x3r = re[i3] ?? 0;
        const x3i = im[i3] ?? 0;
        const t1r = war * x1r - wai * x1i;
        const t1i = war * x1i + wai * x1r;
        const t3r = war * x3r - wai * x3i;
        const t3i = war * x3i + wai * x3r;
        const x0r = re[i0] ?? 0;
        const x0i = im[i0] ?? 0;
        const x2r = re[i2] ?? 0;
        const x2i = im[i2] ?? 0;
        const b0r = x0r + t1r;
        const b0i = x0i + t1i;
        const b1r = x0r - t1r;
        const b1i = x0i - t1i;
        const b2r = x2r + t3r;
        const b2i = x2i + t3i;
        const b3r = x2r - t3r;
        const b3i = x2i - t3i;
        const ur = wbr * b2r - wbi * b2i;
        const ui = wbr * b2i + wbi * b2r;
        // v = −i · (wB · b3): the odd pair of the second stage has twiddle wB · e^{−iπ/2}.
        const pr = wbr * b3r - wbi * b3i;
        const pi = wbr * b3i + wbi * b3r;
        const vr = pi;
        const vi = -pr;
        re[i0] = b0r + ur;
        im[i0] = b0i + ui;
        re[i2] = b0r - ur;
        im[i2] = b0i - ui;
        re[i1] = b1r + vr;
        im[i1] = b1i + vi;
        re[i3] = b1r - vr;
        im[i3] = b1i - vi;
      }
    }
    done *= 4;
  }
  // A last single radix-2 stage when the number of remaining stages was odd.
  if (done < half) {
    const step = size / (2 * done);
    for (let j = 0; j < done; j++) {
      const wr = cos[j * step] ?? 0;
      const wi = -(sin[j * step] ?? 0);
      const a = j;
      const b = j + done;
      const br = re[b] ?? 0;
      const bi = im[b] ?? 0;
      const tr = wr * br - wi * bi;
      const ti = wr * bi + wi * br;
      const ar = re[a] ?? 0;
      const ai = im[a] ?? 0;
      re[b] = ar - tr;
      im[b] = ai - ti;
      re[a] = ar + tr;
      im[a] = ai + ti;
    }
  }

  // Split Z (the FFT of even + i·odd) into X: X_k = E_k + W^k O_k with W = e^{-2πi/N}.
  const last = Math.min(half, lastBin);
  for (let k = 0; k <= last; k++) {
    const p = k === half ? 0 : k;
    const q = k === 0 ? 0 : half - k;
    const a = re[p] ?? 0;
    const b = im[p] ?? 0;
    const c = re[q] ?? 0;
    const d = im[q] ?? 0;
    const er = 0.5 * (a + c);
    const ei = 0.5 * (b - d);
    const or = 0.5 * (b + d);
    const oi = -0.5 * (a - c);
    const wc = cos[k] ?? 0;
    const ws = sin[k] ?? 0;
    const xr = er + wc * or + ws * oi;
    const xi = ei + wc * oi - ws * or;
    out[k] = xr * xr + xi * xi;
  }
}
