import type { QrScannerDeps, QrScanProblem } from '../adapters/share/qr-scanner';

export type QrScanState = 'idle' | 'starting' | 'scanning' | QrScanProblem;

/** The camera scan of an invitation's QR code: its state for the screen, and cancel. */
export class QrScan {
  state = $state<QrScanState>('idle');
  #controller: AbortController | undefined;

  /**
   * Scans into the video until a code is read (its text) or the scan is cancelled or fails (undefined). `deps`
   * replaces the browser's camera and decoder (tests).
   */
  async start(video: HTMLVideoElement, deps?: QrScannerDeps): Promise<string | undefined> {
    this.cancel();
    const controller = new AbortController();
    this.#controller = controller;
    this.state = 'starting';
    try {
      const { scanQrCode, QrScanError } = await import('../adapters/share/qr-scanner');
      if (controller.signal.aborted) return undefined;
      this.state = 'scanning';
      try {
        const text = await scanQrCode(video, controller.signal, deps);
        if (this.#controller === controller) this.state = 'idle';
        return text;
      } catch (error) {
        if (this.#controller === controller)
          this.state = error instanceof QrScanError ? error.problem : 'camera-failed';
        return undefined;
      }
    } catch {
      // The scanner's code did not load (offline before it was cached): as a camera that failed.
      if (this.#controller === controller) this.state = 'camera-failed';
      return undefined;
    }
  }

  /** Stops the camera; a problem shown stays until the next start. */
  cancel(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    if (this.state === 'starting' || this.state === 'scanning') this.state = 'idle';
  }
}
