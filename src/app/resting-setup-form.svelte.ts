import { DEFAULT_RESTING_CHECK_MINUTES, RESTING_CHECK_MINUTES } from '../core/session/resting-plan';
import type { RestingCheckMinutes, RunnerRef } from '../core/session/session-model';
import type { RestingCheckSetup } from './resting-check.svelte';

/** The lengths offered, minutes. */
export const restingCheckMinutes: readonly RestingCheckMinutes[] = RESTING_CHECK_MINUTES;

/** No runner chosen: the check is kept without a profile. */
export const noRunnerId = '';

/**
 * The resting check's setup form: whose check (preselected from the address, else the active runner), 2 or 5
 * minutes, and paced breathing (off by default) at the runner's own rate. Kept by the screen across checks, so
 * "try again" starts from the same choices.
 */
export class RestingSetupForm {
  minutes = $state<RestingCheckMinutes>(DEFAULT_RESTING_CHECK_MINUTES);
  pacedBreathing = $state(false);
  runnerId = $state(noRunnerId);
  readonly #runners: () => readonly RunnerRef[];
  readonly #breathingRate: () => number;

  /**
   * `runners` and `breathingRate` are read whenever they are shown; `preselectedRunnerId` wins over the active
   * runner when it names a known one.
   */
  constructor(options: {
    runners: () => readonly RunnerRef[];
    activeRunnerId: string | undefined;
    preselectedRunnerId: string | undefined;
    breathingRate: () => number;
  }) {
    this.#runners = options.runners;
    this.#breathingRate = options.breathingRate;
    const known = (id: string | undefined) => options.runners().some((runner) => runner.id === id);
    const preselected = options.preselectedRunnerId;
    if (preselected !== undefined && known(preselected)) this.runnerId = preselected;
    else if (options.activeRunnerId !== undefined && known(options.activeRunnerId))
      this.runnerId = options.activeRunnerId;
  }

  get runners(): readonly RunnerRef[] {
    return this.#runners();
  }

  get breathingRatePerMinute(): number {
    return this.#breathingRate();
  }

  /** The chosen runner, or undefined for a check without a profile. */
  get runner(): RunnerRef | undefined {
    const runner = this.runners.find((candidate) => candidate.id === this.runnerId);
    return runner && { id: runner.id, name: runner.name };
  }

  get setup(): RestingCheckSetup {
    return {
      minutes: this.minutes,
      breathingRatePerMinute: this.pacedBreathing ? this.breathingRatePerMinute : undefined,
    };
  }
}
