import jsQR from 'jsqr';

/**
 * The text of a QR code in an RGBA frame (a camera frame drawn on a canvas), or undefined when none is found: the
 * fallback for browsers without BarcodeDetector. Only normal (dark on light) codes are tried: the therapist's
 * screen shows one, and trying the inverse too doubles the work per frame.
 */
export function decodeQrPixels(rgba: Uint8ClampedArray, width: number, height: number): string | undefined {
  const found = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  return found && found.data !== '' ? found.data : undefined;
}
