import type { StrapEvent } from '../core/strap/connection-state';
import {
  calibrateZoneFromDfa,
  DfaCalibrationRecorder,
  type DfaCalibrationPoint,
  type DfaCalibrationResult,
} from '../core/zones/index';
import type { StrapConnection } from './strap-connection.svelte';

/**
 * A calibration run: every RR interval of a steady, gradually rising run goes to the DFA-a1 recorder, which makes
 * a point every 20 s; at the end the heart rate where DFA-a1 falls through 0.75 becomes the zone's upper bound.
 */
export class CalibrationRun {
  points = $state.raw<readonly DfaCalibrationPoint[]>([]);
  result = $state.raw<DfaCalibrationResult | undefined>();
  readonly #recorder = new DfaCalibrationRecorder();
  #unsubscribe: (() => void) | undefined;

  follow(strap: StrapConnection): void {
    this.#unsubscribe?.();
    this.#unsubscribe = strap.source.subscribe(this.#onStrapEvent);
  }

  finish(): DfaCalibrationResult {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.result = calibrateZoneFromDfa(this.points);
    return this.result;
  }

  readonly #onStrapEvent = (event: StrapEvent): void => {
    if (event.type !== 'measurement') return;
    // RR intervals without skin contact are noise, not beats.
    if (event.measurement.sensorContact === 'no-contact') return;
    let added = false;
    for (const rrMs of event.measurement.rrIntervalsMs) {
      if (this.#recorder.addBeat(rrMs, event.measurement.receivedAtMs)) added = true;
    }
    if (added) this.points = [...this.#recorder.points];
  };
}
