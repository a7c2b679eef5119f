/**
 * Reads a QR code with the camera: the rear camera through getUserMedia into a <video> the screen shows, and each
 * frame through BarcodeDetector where the browser has it (Chrome on Android), else through jsQR on a canvas (loaded
 * only then). The camera is stopped when a code is found, when the scan is cancelled, and when anything fails.
 */

/** Why the camera could not scan, each said with the option to paste the link instead. */
export type QrScanProblem = 'camera-refused' | 'no-camera' | 'camera-failed';

export class QrScanError extends Error {
  constructor(readonly problem: QrScanProblem) {
    super(`QR scan: ${problem}`);
  }
}

/** Finds the text of a QR code in the video's current frame, or undefined when there is none yet. */
export type FrameDecoder = (video: HTMLVideoElement) => Promise<string | undefined>;

export interface QrScannerDeps {
  getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  /** Called once the camera runs: the decoder for this browser. */
  frameDecoder: () => Promise<FrameDecoder>;
  /** Resolves when it is time to look at the next frame. */
  nextFrame: () => Promise<void>;
}

/** Time between frames looked at: a code held up is found within a fraction of a second, and the phone stays cool. */
const frameIntervalMs = 150;

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** BarcodeDetector when it reads QR codes here; undefined where it is missing or reads other formats only. */
async function nativeDecoder(): Promise<FrameDecoder | undefined> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return undefined;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return undefined;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video)).find((code) => code.rawValue !== '')?.rawValue;
  } catch {
    return undefined;
  }
}

/** Frames are scaled down to this width: plenty for a code filling part of the view, and cheap to decode. */
const canvasMaxWidth = 640;

async function canvasDecoder(): Promise<FrameDecoder> {
  const { decodeQrPixels } = await import('./qr-pixels');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return (video) => {
    if (!context || video.videoWidth === 0) return Promise.resolve(undefined);
    const scale = Math.min(1, canvasMaxWidth / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const frame = context.getImageData(0, 0, canvas.width, canvas.height);
    return Promise.resolve(decodeQrPixels(frame.data, frame.width, frame.height));
  };
}

export function browserScannerDeps(): QrScannerDeps {
  return {
    getUserMedia: (constraints) => {
      // No mediaDevices: an insecure page, or a browser without cameras at all.
      const media = (navigator as { mediaDevices?: MediaDevices }).mediaDevices;
      if (!media) return Promise.reject(new DOMException('No camera API', 'NotFoundError'));
      return media.getUserMedia(constraints);
    },
    frameDecoder: async () => (await nativeDecoder()) ?? canvasDecoder(),
    nextFrame: () =>
      new Promise((resolve) => {
        setTimeout(resolve, frameIntervalMs);
      }),
  };
}

function problemOf(error: unknown): QrScanProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'camera-refused';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no-camera';
  return 'camera-failed';
}

/**
 * Shows the rear camera in `video` until a QR code is read: resolves with its text, or with undefined when
 * `signal` aborts. Rejects with a {@link QrScanError}. The camera is off again whenever this settles.
 */
export async function scanQrCode(
  video: HTMLVideoElement,
  signal: AbortSignal,
  deps: QrScannerDeps = browserScannerDeps(),
): Promise<string | undefined> {
  // A function, not the property: the signal aborts while this awaits, which narrowing cannot know.
  const aborted = () => signal.aborted;
  if (aborted()) return undefined;
  let stream: MediaStream;
  try {
    stream = await deps.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  } catch (error) {
    throw new QrScanError(problemOf(error));
  }
  const stopCamera = () => {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  // Cancelled while the browser asked for the camera: let it go at once.
  if (aborted()) {
    stopCamera();
    return undefined;
  }
  signal.addEventListener('abort', stopCamera, { once: true });
  try {
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    await video.play();
    const decode = await deps.frameDecoder();
    while (!aborted()) {
      const text = await decode(video).catch(() => undefined);
      if (text !== undefined && !aborted()) return text;
      await deps.nextFrame();
    }
    return undefined;
  } catch (error) {
    if (aborted()) return undefined;
    throw new QrScanError(problemOf(error));
  } finally {
    signal.removeEventListener('abort', stopCamera);
    stopCamera();
  }
}
