import { encode } from 'uqr';

/** A QR code ready to draw: an SVG path of its dark modules in a `size` × `size` box, quiet zone included. */
export interface QrCodePicture {
  size: number;
  /** `d` of one `<path>`: a rectangle per run of dark modules in a row. */
  path: string;
}

/** The quiet zone the QR standard asks for around the code, in modules: phone cameras find the code by it. */
const quietZoneModules = 4;

/**
 * The link as a QR code (uqr). Error correction level M: an invitation shown on a therapist's screen is read in
 * daylight, at an angle, through a smudged phone camera; level M still fits a 300-character link in a code a phone
 * reads from a metre away.
 */
export function qrCodePicture(text: string): QrCodePicture {
  const { data, size } = encode(text, { ecc: 'M', border: quietZoneModules });
  const runs: string[] = [];
  data.forEach((row, y) => {
    let x = 0;
    while (x < size) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && row[x]) x++;
      runs.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return { size, path: runs.join('') };
}

/** The same code as a standalone SVG document, for saving or printing beside the screen. */
export function qrCodeSvg(text: string): string {
  const { size, path } = qrCodePicture(text);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}
