import {
  loadPreferences,
  savePreferences,
  type CoachingPreferences,
  type CourseChoice,
  type CustomCourse,
  type Preferences,
} from '../adapters/storage/preferences-store';
import type { RunnerProfile } from '../core/zones/runner-profile';
import { effectiveLength, type CourseLength } from './course-length';

/** Runner profiles and settings, saved on every change. */
export class PreferencesState {
  value = $state.raw<Preferences>(loadPreferences());
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
    const { activeRunnerId, ...rest } = this.value;
    this.#update({
      ...rest,
      runners,
      ...(activeRunnerId !== id && activeRunnerId !== undefined && { activeRunnerId }),
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
    const next: Preferences = custom ? { ...rest, customCourse: custom } : rest;
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
