import { moveLegacyBreathingRates } from '../adapters/storage/legacy-breathing-rates';
import {
  isOwnBreathingRate,
  loadPreferences,
  NO_RUNNER_KEY,
  savePreferences,
  type CoachingPreferences,
  type CourseChoice,
  type CustomCourse,
  type Preferences,
} from '../adapters/storage/preferences-store';
import { DEFAULT_BREATHING_RATE } from '../core/breathing/pacer';
import type { RunnerProfile } from '../core/zones/runner-profile';
import { effectiveLength, type CourseLength } from './course-length';

/** Runner profiles and settings, saved on every change. */
export class PreferencesState {
  value = $state.raw<Preferences>(loadMovingLegacy());
  saveFailed = $state(false);

  get activeRunner(): RunnerProfile | undefined {
    const id = this.value.activeRunnerId;
    return this.value.runners.find((runner) => runner.id === id) ?? this.value.runners[0];
  }

  get coaching(): CoachingPreferences {
    return this.value.coaching;
  }

  saveRunner(runner: RunnerProfile): void {
    const others = this.value.runners.filter((existing) => existing.id !== runner.id);
    this.#update({ ...this.value, runners: [...others, runner], activeRunnerId: runner.id });
  }

  /** Adds (or updates) a runner without making them the one this device runs as: a therapist's group. */
  addRunner(runner: RunnerProfile): void {
    const others = this.value.runners.filter((existing) => existing.id !== runner.id);
    this.#update({ ...this.value, runners: [...others, runner] });
  }

  chooseRunner(id: string): void {
    this.#update({ ...this.value, activeRunnerId: id });
  }

  removeRunner(id: string): void {
    const runners = this.value.runners.filter((runner) => runner.id !== id);
    const { activeRunnerId, ownBreathingRates, ...rest } = this.value;
    const { [id]: _removed, ...otherRates } = ownBreathingRates ?? {};
    this.#update({
      ...rest,
      runners,
      ...(activeRunnerId !== id && activeRunnerId !== undefined && { activeRunnerId }),
      ...(Object.keys(otherRates).length > 0 && { ownBreathingRates: otherRates }),
    });
  }

  /** The active runner's own breathing rate from the resonance finder; undefined until they keep one. */
  get ownBreathingRate(): number | undefined {
    const rates = this.value.ownBreathingRates ?? {};
    const key = this.activeRunner?.id ?? NO_RUNNER_KEY;
    return Object.hasOwn(rates, key) ? rates[key] : undefined;
  }

  /** The rate a breathing exercise (or a run's breathing phase) starts at: the runner's own, else six a minute. */
  get breathingRate(): number {
    return this.ownBreathingRate ?? DEFAULT_BREATHING_RATE;
  }

  /**
   * Keeps a rate the exercise offers as the active runner's own. Like the custom course, it is kept in memory only
   * once the device has stored it: false (and nothing changed) when the browser would not.
   */
  setOwnBreathingRate(ratePerMinute: number): boolean {
    if (!isOwnBreathingRate(ratePerMinute)) return false;
    const key = this.activeRunner?.id ?? NO_RUNNER_KEY;
    return this.#store({
      ...this.value,
      ownBreathingRates: { ...this.value.ownBreathingRates, [key]: ratePerMinute },
    });
  }

  /** Merges the changes; `voiceName: undefined` goes back to the automatic voice. */
  setCoaching(changes: Partial<CoachingPreferences>): void {
    const coaching: CoachingPreferences = { ...this.value.coaching, ...changes };
    if ('voiceName' in changes && changes.voiceName === undefined) delete coaching.voiceName;
    this.#update({ ...this.value, coaching });
  }

  /** The chosen course length, or the whole course when the therapist's own course is too short for it. */
  get courseLength(): CourseLength {
    return effectiveLength(this.value.course?.weeks ?? 12, this.value.customCourse);
  }

  setCourse(course: CourseChoice | undefined): void {
    const { course: _previous, ...rest } = this.value;
    this.#update(course ? { ...rest, course } : rest);
  }

  /**
   * Stores (or, with undefined, removes) the therapist's own course. Unlike other settings it is kept in memory
   * only once the device has stored it: a run must never follow a course the device did not keep.
   */
  setCustomCourse(custom: CustomCourse | undefined): boolean {
    const { customCourse: _previous, ...rest } = this.value;
    return this.#store(custom ? { ...rest, customCourse: custom } : rest);
  }

  #store(next: Preferences): boolean {
    if (!savePreferences(next)) return false;
    this.value = next;
    this.saveFailed = false;
    return true;
  }

  #update(next: Preferences): void {
    this.value = next;
    this.saveFailed = !savePreferences(next);
  }
}

/** The stored preferences, after moving what older versions kept elsewhere into them. */
function loadMovingLegacy(): Preferences {
  moveLegacyBreathingRates();
  return loadPreferences();
}
