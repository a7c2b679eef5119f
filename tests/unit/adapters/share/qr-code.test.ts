import { describe, expect, it } from 'vitest';
import { qrCodePicture, qrCodeSvg } from '../../../../src/adapters/share/qr-code';
import { decodeQrPixels } from '../../../../src/adapters/share/qr-pixels';

/** Draws the picture's path (only `M x y h w v1 h-w z` runs) as RGBA pixels, `scale` pixels a module. */
function rasterize(path: string, size: number, scale: number): Uint8ClampedArray {
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const match of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/gu)) {
    const [x, y, runLength] = [Number(match[1]), Number(match[2]), Number(match[3])];
    for (let row = y * scale; row < (y + 1) * scale; row++)
      for (let column = x * scale; column < (x + runLength) * scale; column++)
        pixels.fill(0, (row * width + column) * 4, (row * width + column) * 4 + 3);
  }
  return pixels;
}

const link =
  'https://calmrun.example/#/join?v=1&s=wss%3A%2F%2Fnats.example.org&g=k3x9q2m7w4t8z6r5b1n0abcd' +
  '&k=AQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o&u=runner&p=s3cret&by=Praktijk%20de%20Linde';

describe('the invitation QR code', () => {
  it('draws a code that a decoder reads back as the very link', () => {
    const { size, path } = qrCodePicture(link);
    expect(decodeQrPixels(rasterize(path, size, 4), size * 4, size * 4)).toBe(link);
  });

  it('keeps a quiet zone of four modules on every side', () => {
    const { size, path } = qrCodePicture(link);
    const runs = [...path.matchAll(/M(\d+) (\d+)h(\d+)/gu)].map((match) => match.slice(1).map(Number));
    expect(Math.min(...runs.map(([x = 0]) => x))).toBe(4);
    expect(Math.min(...runs.map(([, y = 0]) => y))).toBe(4);
    expect(Math.max(...runs.map(([x = 0, , length = 0]) => x + length))).toBe(size - 4);
    expect(Math.max(...runs.map(([, y = 0]) => y + 1))).toBe(size - 4);
  });

  it('finds nothing in a blank frame', () => {
    expect(decodeQrPixels(new Uint8ClampedArray(64 * 64 * 4).fill(255), 64, 64)).toBeUndefined();
  });

  it('makes a standalone SVG of the same code', () => {
    const { size, path } = qrCodePicture(link);
    const svg = qrCodeSvg(link);
    expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`);
    expect(svg).toContain(`d="${path}"`);
  });
});
