import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { sampleNotAKnotSpline } from '../../../../src/core/hrv/cubic-spline';
import { realPowerSpectrum } from '../../../../src/core/hrv/fft';
import { smoothnessPriorsDetrendInPlace } from '../../../../src/core/hrv/smoothness-priors';
import { periodicHann, symmetricHann } from '../../../../src/core/hrv/windows';

/** |Σ x_n e^{−2πikn/N}|² by the definition, O(N²). */
function naivePower(x: readonly number[], size: number): number[] {
  return Array.from({ length: size / 2 + 1 }, (_, k) => {
    let re = 0;
    let im = 0;
    x.forEach((v, n) => {
      re += v * Math.cos((2 * Math.PI * k * n) / size);
      im -= v * Math.sin((2 * Math.PI * k * n) / size);
    });
    return re * re + im * im;
  });
}

/** Dense Gaussian elimination with partial pivoting, for small reference systems. */
function denseSolve(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]?.[c] ?? 0) > Math.abs(a[pivot]?.[c] ?? 0)) pivot = r;
    const swap = a[c] ?? [];
    a[c] = a[pivot] ?? [];
    a[pivot] = swap;
    const top = a[c] ?? [];
    for (let r = c + 1; r < n; r++) {
      const row = a[r] ?? [];
      const factor = (row[c] ?? 0) / (top[c] ?? 1);
      for (let k = c; k <= n; k++) row[k] = (row[k] ?? 0) - factor * (top[k] ?? 0);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = a[r] ?? [];
    let sum = row[n] ?? 0;
    for (let k = r + 1; k < n; k++) sum -= (row[k] ?? 0) * (x[k] ?? 0);
    x[r] = sum / (row[r] ?? 1);
  }
  return x;
}

describe('realPowerSpectrum', () => {
  test.each([4, 8, 16, 32, 64, 128, 256, 1024])('matches the DFT definition at size %i', (size) => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: size }),
        (x) => {
          const out = new Float64Array(size / 2 + 1);
          realPowerSpectrum(Float64Array.from(x), x.length, size, out);
          const expected = naivePower(x, size);
          const scale = x.reduce((a, v) => a + v * v, 0) * size + 1;
          expected.forEach((p, k) => {
            expect(Math.abs((out[k] ?? 0) - p)).toBeLessThanOrEqual(1e-9 * scale);
          });
        },
      ),
      { numRuns: size > 256 ? 5 : 20 },
    );
  });
});

describe('smoothnessPriorsDetrendInPlace', () => {
  test('equals z − (I + λ²D₂ᵀD₂)⁻¹z solved densely', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 500, max: 1500, noNaN: true }), { minLength: 3, maxLength: 40 }),
        fc.constantFrom(1, 10, 500),
        (z, lambda) => {
          const n = z.length;
          const matrix: number[][] = Array.from({ length: n }, (_, i) =>
            Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
          );
          for (let r = 0; r + 2 < n; r++) {
            const stencil = [1, -2, 1];
            for (let a = 0; a < 3; a++) {
              for (let b = 0; b < 3; b++) {
                const row = matrix[r + a] ?? [];
                row[r + b] = (row[r + b] ?? 0) + lambda * lambda * (stencil[a] ?? 0) * (stencil[b] ?? 0);
              }
            }
          }
          const trend = denseSolve(matrix, z);
          const values = Float64Array.from(z);
          smoothnessPriorsDetrendInPlace(values, n, lambda);
          z.forEach((v, i) => {
            expect(Math.abs((values[i] ?? 0) - (v - (trend[i] ?? 0)))).toBeLessThanOrEqual(1e-6);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  test('removes a linear trend completely (D₂ annihilates it)', () => {
    const values = Float64Array.from({ length: 500 }, (_, i) => 800 + 0.7 * i);
    smoothnessPriorsDetrendInPlace(values, 500, 500);
    for (const v of values) expect(Math.abs(v)).toBeLessThan(1e-6);
  });
});

describe('sampleNotAKnotSpline', () => {
  test('reproduces any cubic exactly (the not-a-knot spline of a cubic is that cubic)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.3, max: 2, noNaN: true }), { minLength: 3, maxLength: 30 }),
        fc.tuple(
          fc.double({ min: -2, max: 2, noNaN: true }),
          fc.double({ min: -2, max: 2, noNaN: true }),
          fc.double({ min: -1, max: 1, noNaN: true }),
        ),
        (gaps, [a, b, c]) => {
          const cubic = (t: number): number => 5 + a * t + b * t * t + c * t * t * t;
          const x = new Float64Array(gaps.length + 1);
          gaps.forEach((g, i) => (x[i + 1] = (x[i] ?? 0) + g));
          const y = x.map(cubic);
          const last = x[x.length - 1] ?? 0;
          const count = Math.floor(last / 0.1);
          const out = new Float64Array(count);
          sampleNotAKnotSpline(x, y, x.length, 0, 0.1, count, out);
          out.forEach((v, k) => {
            expect(Math.abs(v - cubic(k * 0.1))).toBeLessThanOrEqual(1e-7 * (1 + Math.abs(cubic(k * 0.1))));
          });
        },
      ),
      { numRuns: 50 },
    );
  });

  test('two points give the line and three the parabola through them', () => {
    const out = new Float64Array(3);
    sampleNotAKnotSpline(Float64Array.of(0, 2), Float64Array.of(1, 5), 2, 0, 1, 3, out);
    expect(Array.from(out)).toEqual([1, 3, 5]);
    sampleNotAKnotSpline(Float64Array.of(0, 1, 3), Float64Array.of(0, 1, 9), 3, 0.5, 1, 3, out);
    expect(out[0]).toBeCloseTo(0.25, 12);
    expect(out[1]).toBeCloseTo(2.25, 12);
    expect(out[2]).toBeCloseTo(6.25, 12);
  });
});

describe('Hann windows', () => {
  test.each([2, 3, 4, 5, 127, 128, 1023, 1024])(
    'length %i: periodic (scipy) and symmetric (numpy) forms',
    (length) => {
      const periodic = periodicHann(length);
      const symmetric = symmetricHann(length);
      for (let k = 0; k < length; k++) {
        expect(
          Math.abs((periodic[k] ?? 0) - (0.5 - 0.5 * Math.cos((2 * Math.PI * k) / length))),
        ).toBeLessThan(1e-15);
        const symmetricValue = 0.5 - 0.5 * Math.cos((2 * Math.PI * k) / (length - 1));
        expect(Math.abs((symmetric[k] ?? 0) - symmetricValue)).toBeLessThan(1e-15);
      }
    },
  );
});
