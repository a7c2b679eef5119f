import { acquireRecordingLock } from '../adapters/platform/web-locks';
import { eraseDeviceData } from '../adapters/storage/erase-device-data';
import { forgetPairedStraps } from '../adapters/bluetooth/forget-paired-straps';

export type EraseStep =
  | 'idle'
  | 'confirming'
  | 'erasing'
  /** Another tab keeps the database open; erasing finishes when it closes. */
  | 'waiting-for-tabs'
  /** A run or breathing exercise is being recorded, here or in another tab. */
  | 'refused-recording'
  | 'failed';

export interface EraseEverythingDeps {
  /** True while this tab records; another tab's recording is found through the recording lock. */
  isRecordingHere: () => boolean;
  /** Closes this tab's own database connection and straps before the data goes. */
  letGo: () => void;
  bluetooth: Bluetooth | undefined;
  /** Starts the app afresh once everything is gone. */
  restart: () => void;
}

/**
 * "Erase everything" as one confirmed action: every session, profile, setting and paired strap on this device.
 * Never while a run is recorded anywhere, and the recording lock is held meanwhile, so no tab starts one halfway.
 */
export class EraseEverything {
  step = $state<EraseStep>('idle');
  readonly #deps: EraseEverythingDeps;

  constructor(deps: EraseEverythingDeps) {
    this.#deps = deps;
  }

  ask(): void {
    this.step = this.#deps.isRecordingHere() ? 'refused-recording' : 'confirming';
  }

  cancel(): void {
    this.step = 'idle';
  }

  async confirm(): Promise<void> {
    if (this.step !== 'confirming') return;
    if (this.#deps.isRecordingHere()) {
      this.step = 'refused-recording';
      return;
    }
    const lock = await acquireRecordingLock();
    if (lock === 'held-elsewhere') {
      this.step = 'refused-recording';
      return;
    }
    this.step = 'erasing';
    try {
      this.#deps.letGo();
      if (this.#deps.bluetooth) await forgetPairedStraps(this.#deps.bluetooth);
      await eraseDeviceData(() => {
        this.step = 'waiting-for-tabs';
      });
      this.#deps.restart();
    } catch {
      this.step = 'failed';
    } finally {
      if (lock !== 'unsupported') lock.release();
    }
  }
}
